#!/usr/bin/env bash
# Runs the code cells of a recorded MathCoder trace file through exec-cells and checks the outputs against Jupyter's.
# Usage: bash scripts/eval/check-exec-cells.sh [traces.jsonl] [min-percent]   (data: $MATHCODER_DATA or ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${MATHCODER_DATA:-../shared/data}"
file="${1:-$data/mathcoder-traces/MathCoder-L-7B_GSM8K_debug20.jsonl}"
min="${2:-95}"
if [ ! -f "$file" ]; then
  echo "check:exec-cells skipped: $file not found (set MATHCODER_DATA to the folder holding mathcoder-traces/)"
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npx tsx scripts/eval/traces-to-cells.ts "$file" > "$tmp/cells.jsonl"
npm run --silent exec-cells < "$tmp/cells.jsonl" > "$tmp/outputs.jsonl"
echo "exec-cells on $(basename "$file"):"
npx tsx scripts/eval/compare-cells.ts "$tmp/cells.jsonl" "$tmp/outputs.jsonl" --min "$min"
