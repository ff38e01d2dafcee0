#!/usr/bin/env bash
# One model for both languages, or one per language behind one server? (`make compare-languages`; about 15 min
# on 2 cores.) The training data (data/nlu/) is split by the language of each example (lingua, as at run time:
# bot/nlu/language_detection.py); an example too short or mixed to tell goes into both. An English-only and a
# Spanish-only NLU model are trained with config.yml and evaluated with `python -m bot eval` (dev sets and newest
# blind batches); the joint model's figures are those of `make eval` (models/bot.tar.gz).
# The per-language figures are an upper bound: each model is scored only on its own language's test messages, as
# if every message were routed to the right model, which short and Spanglish messages would not always be.
set -euo pipefail
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
cd "$(dirname "$0")/.."
PY=.venv/bin/python
RASA=.venv/bin/rasa
out=var/compare-languages
rm -rf "$out" && mkdir -p "$out/en" "$out/es"

$PY - "$out" <<'PY'
import sys
from pathlib import Path
import yaml
from bot.nlu.language_detection import detect_language

out = Path(sys.argv[1])
split = {"en": {}, "es": {}}
counts = {"en": 0, "es": 0, "both": 0}
for path in sorted(Path("data/nlu").glob("*.yml")):
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for item in doc.get("nlu", []):
        if "intent" not in item:
            continue
        for line in str(item.get("examples", "")).splitlines():
            text = line.strip()[2:].strip() if line.strip().startswith("- ") else ""
            if not text:
                continue
            lang = detect_language(text)
            for target in ([lang] if lang in split else ["en", "es"]):
                split[target].setdefault(item["intent"], []).append(text)
            counts[lang if lang in split else "both"] += 1
for lang, intents in split.items():
    nlu = [{"intent": name, "examples": "".join(f"- {t}\n" for t in dict.fromkeys(texts))}
           for name, texts in sorted(intents.items())]
    (out / lang / "nlu.yml").write_text(yaml.safe_dump({"version": "3.1", "nlu": nlu}, allow_unicode=True, sort_keys=False))
print(f"examples: {counts['en']} English, {counts['es']} Spanish, {counts['both']} too short or mixed to tell (in both)")
PY

for lang in en es; do
  start=$(date +%s)
  RASA_MAX_CACHE_SIZE=0 $RASA train nlu --config config.yml --nlu "$out/$lang/nlu.yml" --out "$out" --fixed-model-name "$lang" --quiet \
    > "$out/$lang.train.log" 2>&1
  echo "== $lang-only model: trained in $(( $(date +%s) - start )) s"
  $PY -m bot eval --model "$out/$lang.tar.gz" --details none > "$out/$lang.eval.txt" 2>/dev/null || true
  cat "$out/$lang.eval.txt"
done
echo "Compare: the English-only model's English columns and the Spanish-only model's Spanish columns with make eval's."
