#!/usr/bin/env bash
# Measures uplift at its budgets (docs/security.md): the largest project the limits allow,
# a project whose notes fill the text budget, and hostile template overrides that run into
# the renderer's time and memory budgets. Every command must finish within 10 s and 1 GB.
# Usage: scripts/budget.sh      (prints the Markdown table in docs/security.md)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/uplift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# At every limit: 1,000 segments (4,000 uncertain levers) × 7,500 draws = 3·10^7 lever
# draws, 10,000 touchpoints, 12 markets with 2,000 scores by market, 100 initiatives naming 1,000
# touchpoints and delivering 1,000 levers, 1,000 jobs, 500 notes, 1,000 risks, activities and lines.
python3 scripts/generate_project.py "$work/limits" --segments 1000 --touchpoints 10000 --jobs 1000 --markets 12 --initiatives 100 \
  --workshops 500 --draws 7500 --list-items 1000 >/dev/null
# The same, with notes that fill the 64 MiB text budget: the report outgrows its limit.
python3 scripts/generate_project.py "$work/text" --segments 1000 --touchpoints 10000 --jobs 1000 --markets 12 --initiatives 100 \
  --workshops 500 --draws 7500 --list-items 1000 --note-paragraphs 1450 >/dev/null
# The limits with the project's own templates: a theme, and a loop that never ends.
cp -r "$work/limits" "$work/limits-theme" && mkdir -p "$work/limits-theme/templates"
cp tests/hostile/style-harmless-theme/templates/style.css "$work/limits-theme/templates/"
cp -r "$work/limits" "$work/limits-loop" && cp -r tests/hostile/template-endless-loop/templates "$work/limits-loop/"
# A note of contrived Markdown at its 1 MiB limit (emphasis delimiters cost the most).
cp -r example-project "$work/markdown"
{ head -7 example-project/workshops/2027-02-oslo.md; python3 -c "print('*a ' * 349000)"; } > "$work/markdown/workshops/2027-09-contrived.md"
# The commands that read a project twice, at every limit: its history in git.
cp -r "$work/limits" "$work/limits-git"
git -C "$work/limits-git" init -q && git -C "$work/limits-git" add -A
git -C "$work/limits-git" -c user.name=bench -c user.email=bench@example.invalid commit -qm limits
# The limits over the longest horizon (30 years) with a ramp-up, which values every year apart.
cp -r "$work/limits" "$work/limits-ramp"
sed -i 's/^horizon_years: .*/horizon_years: 30/' "$work/limits-ramp/project.yaml"
echo 'ramp_up: [0.2, 0.4, 0.6, 0.8, 1.0]' >> "$work/limits-ramp/project.yaml"
# Hostile overrides on the example.
for attack in template-endless-loop template-memory-bomb template-recursive-macro template-huge-output; do
  cp -r example-project "$work/$attack"
  cp -r "tests/hostile/$attack/." "$work/$attack/"
done

# "wall s | peak MiB | exit" of one run (GNU time: elapsed, largest resident set of the
# process and the children it waited for).
measure() {
  local code=0
  /usr/bin/time -o "$work/time" -f "%e %M" "$@" >/dev/null 2>"$work/stderr" || code=$?
  local seconds kib
  read -r seconds kib < <(tail -n 1 "$work/time")
  echo "$seconds s | $(( (kib + 1023) / 1024 )) MiB | $code"
}

echo "| command | project | wall | peak memory | exit |"
echo "|---|---|---|---|---|"
for cmd in check metrics build; do
  args=("$work/limits"); [ "$cmd" = build ] && args+=(-o "$work/limits.html")
  echo "| \`uplift $cmd\` | every limit reached | $(measure "$bin" "$cmd" "${args[@]}") |"
done
for cmd in metrics build; do
  args=("$work/limits-ramp"); [ "$cmd" = build ] && args+=(-o "$work/limits-ramp.html")
  echo "| \`uplift $cmd\` | every limit, 30 years with a 5-year ramp-up | $(measure "$bin" "$cmd" "${args[@]}") |"
done
for cmd in check build; do
  args=("$work/text"); [ "$cmd" = build ] && args+=(-o "$work/text.html")
  echo "| \`uplift $cmd\` | every limit, notes filling 64 MiB | $(measure "$bin" "$cmd" "${args[@]}") |"
done
echo "| \`uplift build --since HEAD\` | every limit reached | $(measure "$bin" build "$work/limits-git" --since HEAD -o "$work/since.html") |"
echo "| \`uplift diff HEAD\` | every limit reached | $(measure "$bin" diff HEAD "$work/limits-git") |"
echo "| \`uplift build\` | every limit, with a theme override | $(measure "$bin" build "$work/limits-theme" -o "$work/limits-theme.html") |"
echo "| \`uplift build\` | every limit, with tests/hostile/template-endless-loop | $(measure "$bin" build "$work/limits-loop" -o "$work/limits-loop.html") |"
echo "| \`uplift build\` | example + a 1 MiB note of contrived emphasis | $(measure "$bin" build "$work/markdown" -o "$work/markdown.html") |"
for attack in template-endless-loop template-memory-bomb template-recursive-macro template-huge-output; do
  echo "| \`uplift build\` | example + tests/hostile/$attack | $(measure "$bin" build "$work/$attack" -o "$work/$attack.html") |"
done
