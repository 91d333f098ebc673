"""manifest.json of a pack, typed: what the pack was made from (inputs and their sha256, options, tool and code
fingerprint) and what it holds (outputs with sha256 and size). Read by the skip check, written last by finalize."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class InputFile(_Record):
    """An input of the pack (case, program, institution, a template) and its hash when the pack was made."""

    path: str
    sha256: str


class PackInputs(_Record):
    case: InputFile
    program: InputFile | None = Field(default=None, exclude_if=lambda value: value is None)
    institution: InputFile | None = Field(default=None, exclude_if=lambda value: value is None)
    templates: dict[str, InputFile] = {}  # document -> the template it used


class OutputFile(_Record):
    sha256: str
    bytes: int


class ToolRecord(_Record):
    name: str
    version: str
    code: str  # code_fingerprint()


class PackOptions(_Record):
    """The options that change a pack's content."""

    lang: str | None
    pdf: bool


class Manifest(_Record):
    """manifest.json: what a pack was made from and what it holds."""

    case: str
    program: str | None
    lang: str
    documents: list[str]
    tool: ToolRecord
    options: PackOptions
    inputs: PackInputs
    outputs: dict[str, OutputFile]
    rendered_at: str
