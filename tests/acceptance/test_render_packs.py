"""The real `stagepipe render` over real case files: packs, manifests, skipping, --force, refusals, killed runs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.render.pack import UnsafeCaseId, pack_dir
from tests.helpers import INPUTS, ROOT, copy_sample_cases, run_cli

SAMPLE = sorted(p for p in (INPUTS / "cases").rglob("*.yaml"))


def manifest(pack: Path) -> dict:
    return json.loads((pack / "manifest.json").read_text(encoding="utf-8"))


def assert_complete(out: Path) -> list[str]:
    """Every visible folder in ``out`` is a whole pack: a manifest whose outputs all exist with their size."""
    packs = []
    for folder in sorted(out.iterdir()):
        if folder.name.startswith("."):
            continue
        data = manifest(folder)
        for name, record in data["outputs"].items():
            assert (folder / name).stat().st_size == record["bytes"], (folder, name)
        packs.append(folder.name)
    return packs


def test_renders_every_document_of_the_program_with_a_manifest(project: Path, tmp_path: Path) -> None:
    copy_sample_cases(project, "om-jana-peeters", "lo-emma-wouters")
    out = tmp_path / "out"
    result = run_cli("render", project / "cases", "--out", out, "--jobs", "1")
    assert result.code == 0, result.stdout + result.stderr
    assert assert_complete(out) == ["lo-emma-wouters", "om-jana-peeters"]
    jana = manifest(out / "om-jana-peeters")
    assert jana["documents"] == ["stageovereenkomst", "infofiche", "mentorbrief"]
    assert set(jana["outputs"]) == {"stageovereenkomst.docx", "infofiche.docx", "mentorbrief.docx",
                                    "om-jana-peeters.zip"}
    assert set(jana["inputs"]) == {"case", "program", "institution", "templates"}
    assert all(len(r["sha256"]) == 64 for r in jana["inputs"]["templates"].values())
    assert jana["tool"]["name"] == "stagepipe"
    assert "stageplanning" in manifest(out / "lo-emma-wouters")["documents"]


def test_unchanged_cases_are_skipped_force_renders_again_and_a_change_renders_one(project: Path,
                                                                                    tmp_path: Path) -> None:
    files = copy_sample_cases(project, "om-jana-peeters", "om-lars-van-den-broeck")
    out = tmp_path / "out"
    assert run_cli("render", project / "cases", "--out", out).code == 0
    before = {p: (out / p / "manifest.json").stat().st_mtime_ns for p in ("om-jana-peeters", "om-lars-van-den-broeck")}
    again = run_cli("render", project / "cases", "--out", out)
    assert again.code == 0
    assert again.stdout.count("overgeslagen") == 3  # two cases + the summary line
    files[0].write_text(files[0].read_text(encoding="utf-8").replace("Meir 44", "Meir 46"), encoding="utf-8")
    changed = run_cli("render", project / "cases", "--out", out)
    assert "gemaakt: om-jana-peeters" in changed.stdout and "overgeslagen (ongewijzigd): om-lars" in changed.stdout
    assert (out / "om-lars-van-den-broeck" / "manifest.json").stat().st_mtime_ns == before["om-lars-van-den-broeck"]
    forced = run_cli("render", project / "cases", "--out", out, "--force")
    assert forced.stdout.count("gemaakt: ") == 2
    assert (out / "om-lars-van-den-broeck" / "manifest.json").stat().st_mtime_ns != before["om-lars-van-den-broeck"]


def test_a_changed_program_profile_renders_its_cases_again(project: Path, tmp_path: Path) -> None:
    copy_sample_cases(project, "om-jana-peeters", "dgk-lien-de-wilde")
    out = tmp_path / "out"
    assert run_cli("render", project / "cases", "--out", out).code == 0
    program = project / "programs" / "ugent-dgk.yaml"
    program.write_text(program.read_text(encoding="utf-8") + "\n# a comment changes the hash\n", encoding="utf-8")
    result = run_cli("render", project / "cases", "--out", out)
    assert "gemaakt: dgk-lien-de-wilde" in result.stdout
    assert "overgeslagen (ongewijzigd): om-jana-peeters" in result.stdout


def test_a_case_id_like_a_path_is_refused(project: Path, tmp_path: Path) -> None:
    for bad in ("../../x", "a/b", "..", "", "Case", "x" * 65):
        with pytest.raises(UnsafeCaseId):
            pack_dir(tmp_path, bad)
    source = next(p for p in SAMPLE if p.stem == "om-jana-peeters").read_text(encoding="utf-8")
    evil = project / "cases" / "test" / "evil.yaml"
    evil.write_text(source.replace("id: om-jana-peeters", 'id: "../../x"'), encoding="utf-8")
    out = tmp_path / "deep" / "out"
    result = run_cli("render", evil, "--out", out)
    assert result.code == 1
    assert "MISLUKT: evil" in result.stdout
    assert not (tmp_path / "x").exists() and not (tmp_path.parent / "x").exists()
    assert [p.name for p in out.iterdir()] == []


def test_one_failing_case_does_not_stop_the_others(project: Path, tmp_path: Path) -> None:
    copy_sample_cases(project, "om-jana-peeters", "om-lars-van-den-broeck")
    broken = project / "cases" / "test" / "om-lars-van-den-broeck.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nstudent_typo: 1\n", "utf-8")
    result = run_cli("render", project / "cases", "--out", tmp_path / "out")
    assert result.code == 1
    assert "gemaakt: om-jana-peeters" in result.stdout
    assert "MISLUKT: om-lars-van-den-broeck" in result.stdout
    assert "1 gemaakt, 0 overgeslagen (ongewijzigd), 1 mislukt" in result.stdout


def test_an_undefined_field_names_the_case_the_template_and_the_field(project: Path, tmp_path: Path) -> None:
    copy_sample_cases(project, "om-jana-peeters")
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    import docx

    document = docx.Document()
    document.add_paragraph("Geboren op {{ case.student.birth_date }}")
    (templates / "infofiche" / "tm-om").mkdir()
    document.save(templates / "infofiche" / "tm-om" / "nl.docx")
    result = run_cli("render", project / "cases", "--out", tmp_path / "out", "--templates", templates)
    assert result.code == 1
    line = next(line for line in result.stdout.splitlines() if "[missing-field]" in line)
    assert line.startswith("om-jana-peeters: ")
    assert "infofiche" in line and "tm-om/nl.docx" in line and "case.student.birth_date" in line
    assert "(/student/birth_date)" in line


def test_a_program_override_template_is_used_before_the_default(project: Path, tmp_path: Path) -> None:
    copy_sample_cases(project, "om-jana-peeters")
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "infofiche" / "tm-om").mkdir()
    shutil.copy(ROOT / "templates" / "infofiche" / "en.docx", templates / "infofiche" / "tm-om" / "nl.docx")
    out = tmp_path / "out"
    assert run_cli("render", project / "cases", "--out", out, "--templates", templates).code == 0
    used = manifest(out / "om-jana-peeters")["inputs"]["templates"]
    assert used["infofiche"]["path"].endswith("infofiche/tm-om/nl.docx")
    assert used["stageovereenkomst"]["path"].endswith("stageovereenkomst/nl.docx")


def test_a_killed_batch_leaves_no_partial_pack_and_the_next_run_completes_it(project: Path, tmp_path: Path) -> None:
    cohort = project / "cases" / "test"
    base = next(p for p in SAMPLE if p.stem == "om-jana-peeters").read_text(encoding="utf-8")
    for n in range(200):
        (cohort / f"om-copy-{n:03d}.yaml").write_text(
            base.replace("id: om-jana-peeters", f"id: om-copy-{n:03d}").replace("r0812345", f"r09{n:05d}"), "utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "render", str(cohort), "--out", str(out), "--jobs",
                             "2", "--no-progress"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.is_dir() and sum(1 for p in out.iterdir() if not p.name.startswith(".")) >= 5:
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = assert_complete(out)  # every visible folder is a whole pack
    assert 5 <= len(finished) < 200
    rerun = run_cli("render", cohort, "--out", out, "--jobs", "2", timeout=300)
    assert rerun.code == 0, rerun.stdout[-2000:]
    assert len(assert_complete(out)) == 200
    assert f"{200 - len(finished)} gemaakt, {len(finished)} overgeslagen" in rerun.stdout
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # stale temporary folders removed
