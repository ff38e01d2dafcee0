#!/usr/bin/env bash
# The model comparison behind the choice in config.yml (`make compare-models`; about 1.5 hours on 2 cores).
# Three intent classifiers over the same pipeline: today's LogisticRegression, DIET over the same sparse
# features, and DIET with WordLlama's pretrained 256-d embeddings added (bot/nlu/wordllama_featurizer.py).
# Each is measured with `rasa test nlu --cross-validation` on the training data and, trained on all of it,
# with `python -m bot eval` on the dev sets and the newest blind batch.
set -euo pipefail
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
cd "$(dirname "$0")/.."
PY=.venv/bin/python
RASA=.venv/bin/rasa
FOLDS=${FOLDS:-3}
# DIET without its transformer: with the default 2 layers one epoch took 55 s on 11,500 examples (2 cores),
# so 60 epochs plus 3 folds would take about 3 hours; a bag-of-features DIET takes about a third of that.
DIET_EPOCHS=${DIET_EPOCHS:-40}
DIET_LAYERS=${DIET_LAYERS:-0}
out=var/compare
mkdir -p "$out"

# WordLlama's wheel holds the weights; its own runtime can't be installed next to Rasa 3.6 (numpy 2,
# pydantic 2), so the wheel is only unpacked and its two data files are read by our featurizer.
if [ ! -f var/wordllama/weights/l2_supercat_256.safetensors ]; then
  $PY -m pip download --quiet --no-deps --dest "$out/wheels" "wordllama==0.4.0.post1"
  $PY -m zipfile -e "$out"/wheels/wordllama-*.whl "$out/wheels/unpacked"
  rm -rf var/wordllama && mv "$out/wheels/unpacked/wordllama" var/wordllama
fi

# The two other configurations are config.yml with the intent classifier swapped.
$PY - "$out" "$DIET_EPOCHS" "$DIET_LAYERS" <<'PY'
import sys, re
out, epochs, layers = sys.argv[1:4]
base = open("config.yml").read()
lr = re.search(r"  - name: LogisticRegressionClassifier\n(?:    .*\n)+", base).group(0)
diet = base.replace(lr, ("  - name: DIETClassifier\n    epochs: %s\n    number_of_transformer_layers: %s\n"
                          "    entity_recognition: false\n    random_seed: 42\n" % (epochs, layers)))
dense = diet.replace("  - name: bot.nlu.lexicon_extractor.LexiconEntityExtractor\n",
                     "  - name: bot.nlu.wordllama_featurizer.WordLlamaFeaturizer\n  - name: bot.nlu.lexicon_extractor.LexiconEntityExtractor\n")
open(f"{out}/lr.yml", "w").write(base)
open(f"{out}/diet.yml", "w").write(diet)
open(f"{out}/diet_wordllama.yml", "w").write(dense)
PY

for name in ${MODELS:-lr diet diet_wordllama}; do
  echo "== $name"
  start=$(date +%s)
  RASA_MAX_CACHE_SIZE=0 $RASA train nlu --config "$out/$name.yml" --nlu data/nlu --out "$out" --fixed-model-name "$name" --quiet \
    > "$out/$name.train.log" 2>&1
  echo "training: $(( $(date +%s) - start )) s"
  $PY -m bot eval --model "$out/$name.tar.gz" --details none > "$out/$name.eval.txt" 2>/dev/null || true
  sed -n '1,16p' "$out/$name.eval.txt"
  $RASA test nlu --config "$out/$name.yml" --nlu data/nlu --cross-validation --folds "$FOLDS" --out "$out/$name-cv" \
    > "$out/$name.cv.log" 2>&1
  echo "cross-validation: $(( $(date +%s) - start )) s since training started"
  grep -A4 "Intent evaluation results" "$out/$name.cv.log" | grep -E "test|Accuracy|F1" | head -4 || true
done
