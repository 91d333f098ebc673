"""The speller's post-filter against the real LanguageTool server: its English speller on the same local server,
typos next to English jargon, code, names and repeats in a whole report, and the severity policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.findings import Severity
from pipeline.language import open_checker, server
from pipeline.language.vocabulary import ENGLISH
from pipeline.report.setup import CheckOptions, check_report

pytestmark = pytest.mark.integration

REPORT = """# Stageverslag

## Inleiding

Tijdens mijn stage bij FlowFactor werkte ik aan de deployment van namespaces op een on-premise cluster. De
troubleshooting was moelijk, want het restultaat van elke test was anders. Ik moest de tools eerst isntalleren.

Ik gebruikte `kubectl get pods` en `helm upgrade --install` om alles te controleren. Het script staat op
https://github.com/flowfactor/demo-cluster en in ./scripts/deploy_cluster.sh.

```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: cloud-config
data:
  runcmd: |
    apt-get install -y kubelet kubeadm kubectl
```

De VM's draaiden op Hogent servers. Na de migratie was de app gedeployed, het tweede model was gedeployed en de
derde service was ook gedeployed. De trainign van het model liep uiteindeljk goed.
"""


@pytest.fixture()
def report(tmp_path: Path) -> Path:
    path = tmp_path / "verslag.md"
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.mark.usefixtures("lt_env")
def test_the_english_speller_on_the_same_server_knows_terms_of_the_trade_but_not_dutch_typos(
        lt_server: server.ServerState) -> None:
    with open_checker() as checker:
        known = checker.known_words(["deployment", "namespaces", "troubleshooting", "on-premise", "moelijk",
                                     "isntalleren", "restultaat", "geinstalleerd"], ENGLISH)
        assert known == {"deployment", "namespaces", "troubleshooting", "on-premise"}
        assert checker.known_words(["applicatie", "ontwikelaars"], checker.language) == {"applicatie"}
        assert checker.url == lt_server.url  # the local server, nothing else


@pytest.mark.usefixtures("lt_env")
def test_typos_next_to_english_jargon_code_and_names_are_still_found(report: Path,
                                                                     lt_server: server.ServerState) -> None:
    result = check_report(CheckOptions(report=report, groups=("language",), count_pages=False))
    findings = [f for f in result.findings if f.check == "language"]
    shown = {f.text for f in findings if f.severity is not Severity.INFO}
    for typo in ("moelijk", "restultaat", "isntalleren", "trainign", "uiteindeljk"):
        assert typo in shown, (typo, sorted(shown))
    for word in ("deployment", "namespaces", "troubleshooting", "on-premise", "FlowFactor", "VM's", "kubectl",
                 "flowfactor", "kubelet", "kubeadm", "runcmd"):
        assert word not in shown, word
    [remark] = [f for f in findings if f.rule == "unknown-word"]
    assert remark.text == "gedeployed" and remark.severity is Severity.INFO and len(remark.related) == 2
    assert not [f for f in findings if f.severity is Severity.ERROR]  # no program: nothing fails the report
    summary = result.summaries.language
    assert summary is not None and summary.code_blocks == 1
    reasons = dict(summary.accepted)
    assert reasons.get("english", 0) >= 3 and reasons.get("code", 0) >= 1 and reasons.get("code-token", 0) >= 1


@pytest.mark.usefixtures("lt_env")
def test_tm_om_makes_dt_errors_errors_and_keeps_spelling_a_warning(tmp_path: Path,
                                                                   lt_server: server.ServerState) -> None:
    path = tmp_path / "verslag.md"
    path.write_text("# Inleiding\n\nHij vind het een boeiende stage. Het was soms moelijk.\n", encoding="utf-8")
    plain = check_report(CheckOptions(report=path, groups=("language",), count_pages=False))
    tm_om = check_report(CheckOptions(report=path, program="tm-om", groups=("language",), count_pages=False))

    def severities(findings: list) -> dict[str, Severity]:  # type: ignore[type-arg]
        return {f.category: f.severity for f in findings if f.check == "language"}

    assert severities(plain.findings) == {"dt": Severity.WARNING, "spelling": Severity.WARNING}
    assert plain.exit_code == 0
    assert severities(tm_om.findings) == {"dt": Severity.ERROR, "spelling": Severity.WARNING}
    assert tm_om.exit_code == 1
