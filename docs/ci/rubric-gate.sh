#!/usr/bin/env bash
# Check the rubrics that changed since BASE, and show what each change does to scores and ranks.
#
#   bash docs/ci/rubric-gate.sh BASE [DATA...]
#
# BASE   a git revision: the merge base of a pull request, or HEAD before a commit.
# DATA   indicator files or folders; with them each diff also scores the units both ways.
#
# Environment (all optional):
#   RUBRICS_DIR   where the rubrics are (default: rubrics)
#   GATES         options for `rubric diff`, e.g. "--fail-on-rank-change 3 --fail-on-grade-change"
#   FORMAT        table or markdown (default: markdown)
#   LAWGOV_SCORE  the command (default: lawgov-score)
#
# Exit 1 when a changed rubric has an error or warning (`rubric check --strict`) or a gate trips,
# 2 when a rubric or the data cannot be read.  Nothing in the repository is modified.
set -uo pipefail

base="${1:?usage: rubric-gate.sh BASE [DATA...]}"
shift
cd "$(git rev-parse --show-toplevel)" || exit 2
dir="${RUBRICS_DIR:-rubrics}"
lg="${LAWGOV_SCORE:-lawgov-score}"
format="${FORMAT:-markdown}"
read -r -a gates <<< "${GATES:-}"

mapfile -t changed < <(git diff --name-only --diff-filter=AMR "$base" -- "$dir/*.yaml" "$dir/*.yml")
if [ "${#changed[@]}" -eq 0 ]; then
  echo "No rubric changed since $base."
  exit 0
fi

status=0
note() { if [ "$format" = markdown ]; then printf '\n%s\n\n' "$1"; else printf '\n== %s\n' "$1"; fi; }

note "rubric check --strict ${changed[*]}"
[ "$format" = markdown ] && echo '```'
"$lg" rubric check --strict "${changed[@]}" 2>&1
rc=$?
[ "$format" = markdown ] && echo '```'
[ "$rc" -gt "$status" ] && status=$rc

# A changed field dictionary changes every rubric that reads it, so every rubric of the folder
# that existed at BASE is compared (field dictionaries themselves have no items to compare).
for f in "$dir"/*.yaml "$dir"/*.yml; do
  [ -f "$f" ] || continue
  grep -Eq '^(items|extends):' "$f" || continue
  git cat-file -e "$base:$f" 2>/dev/null || { note "$f is new: nothing to compare it with."; continue; }
  "$lg" rubric diff "$base:$f" "$f" "$@" --format "$format" "${gates[@]}"
  rc=$?
  [ "$rc" -gt "$status" ] && status=$rc
done
exit "$status"
