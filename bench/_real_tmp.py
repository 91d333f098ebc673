import json, sys
from bench import language_quality as lq
from pipeline.report.setup import CheckOptions, check_report
for entry in json.loads((lq.BUILD / "reports.json").read_text()):
    if len(sys.argv) > 1 and entry["name"] not in sys.argv[1:]: continue
    r = check_report(CheckOptions(report=lq.BUILD / entry["file"], program="ugent-dgk", groups=("anonymity",), count_pages=False))
    print("==", entry["name"], entry["leaks"], r.summaries.anonymity.not_names, r.summaries.anonymity.title_page_names)
    blocks = r.document.blocks
    print("   title page:", [b.text[:60] for b in blocks if b.part.value == "title-page"][:12])
    for f in lq.alarms(r.findings):
        if f.check != "anonymity": continue
        b = blocks[int(f.location.paragraph or 0)]
        i = f.location.offset or 0
        print(f"  {f.rule:12} {b.part.value:10} {f.text!r:35} …{b.text[max(0,i-50):i+60]!r}")
