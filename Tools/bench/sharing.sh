#!/usr/bin/env bash
# Figures for sharing a log (release build, hyperfine medians): what signing costs an `add`, checking every
# signature of a log, and the merge git runs on `pull` — beside git doing the same with SSH-signed commits
# (`git commit -S`, `git log --show-signature`), which uses the same ssh-keygen, and git's own text merge.
#
#   bash Tools/bench/sharing.sh [EVENTS] [SIGNED]   # defaults: 100000 shared events, 1000 signed ones
#
# Needs hyperfine, jq, git and ssh-keygen.
events=${1:-100000}
signed=${2:-1000}
source "$(dirname "$0")/common.sh"
export GIT_AUTHOR_NAME="Dana Reyes" GIT_AUTHOR_EMAIL=dana@example.com GIT_COMMITTER_NAME="Dana Reyes" GIT_COMMITTER_EMAIL=dana@example.com
export XDG_CONFIG_HOME=$work/xdg DECISIONLOG_ACTOR="Dana Reyes" DECISIONLOG_ROLE=CMO DECISIONLOG_IDENTITY=dana
ssh-keygen -q -t ed25519 -N '' -C '' -f "$work/key"
printf '"Dana Reyes" %s\n' "$(cut -d' ' -f1,2 "$work/key.pub")" >"$work/allowed_signers"
key=$work/key

# A shared log of $events events.
.build/release/generate-log --events "$events" --out "$work/shared/.decisionlog" >/dev/null
cp "$work/allowed_signers" "$work/shared/.decisionlog/"
# A git repository that signs its commits with the same key, as git's SSH signing does.
git init -q "$work/repo"
git -C "$work/repo" config gpg.format ssh
git -C "$work/repo" config user.signingkey "$key"
git -C "$work/repo" config gpg.ssh.allowedSignersFile "$work/allowed_signers"

run() {  # name, command
  local file="$work/$(echo "$1" | tr -c 'a-z0-9' '_').json"
  hyperfine -N --warmup 3 --runs 30 --export-json "$file" "$2" --output=null >/dev/null
  printf '| %s | %s ms |\n' "$1" "$(median "$file")"
}

add="$bin add priority.changed --log $work/shared/.decisionlog --subject feature/bench --framework rank --to 1"
echo "$events shared events, $signed signed ones, $(nproc) cores, release build, medians"
echo
echo "| command | median |"
echo "|---|---|"
run "add, unsigned (onto $events events)" "env DECISIONLOG_SIGNING_KEY= $add"
run "add, signed with ssh-keygen -Y sign" "env DECISIONLOG_SIGNING_KEY=$key $add"
run "peer: git commit --allow-empty, unsigned" "git -C $work/repo commit -q --allow-empty --no-gpg-sign -m x"
run "peer: git commit --allow-empty -S (SSH-signed)" "git -C $work/repo commit -q --allow-empty -S -m x"

# $signed signed events in a log of their own; $signed SSH-signed commits.
"$bin" init --log "$work/signed/.decisionlog" --time-zone UTC >/dev/null
cp "$work/allowed_signers" "$work/signed/.decisionlog/"
git init -q "$work/commits" && git -C "$work/commits" config gpg.format ssh && git -C "$work/commits" config user.signingkey "$key"
git -C "$work/commits" config gpg.ssh.allowedSignersFile "$work/allowed_signers"
for n in $(seq "$signed"); do
  DECISIONLOG_SIGNING_KEY=$key "$bin" add priority.changed --log "$work/signed/.decisionlog" --subject "feature/f$((n % 50))" --framework rank --to "$n" >/dev/null
  git -C "$work/commits" commit -q --allow-empty -S -m "c$n"
done
file="$work/verify.json"
hyperfine -N --warmup 1 --runs 5 --export-json "$file" "$bin verify --signatures --log $work/signed/.decisionlog" --output=null >/dev/null
printf '| %s | %s ms |\n' "verify --signatures of $signed signed events (ssh-keygen -Y verify each)" "$(median "$file")"
hyperfine --warmup 1 --runs 5 --export-json "$file" "git -C $work/commits log --show-signature --format=%H" --output=null >/dev/null
printf '| %s | %s ms |\n' "peer: git log --show-signature over $signed SSH-signed commits" "$(median "$file")"

# The merge: $events shared, 20 incoming, 20 local events each signed (re-sealed and re-signed).
cp -r "$work/shared" "$work/theirs" && cp -r "$work/shared" "$work/ours"
cp "$work/shared/.decisionlog/events.jsonl" "$work/base.jsonl"
for n in $(seq 20); do
  DECISIONLOG_SIGNING_KEY=$key "$bin" add launch.scheduled --log "$work/theirs/.decisionlog" --subject launch/atlas --name Atlas --date "2026-0$((n % 9 + 1))-10" >/dev/null
  DECISIONLOG_SIGNING_KEY=$key "$bin" add launch.scheduled --log "$work/ours/.decisionlog" --subject launch/atlas --name Atlas --date "2026-0$((n % 9 + 1))-20" >/dev/null
done
cp "$work/ours/.decisionlog/events.jsonl" "$work/ours.jsonl"
cd "$work/ours"
file="$work/merge.json"
hyperfine -N --warmup 1 --runs 10 --prepare "cp $work/ours.jsonl $work/ours-copy.jsonl" --export-json "$file" \
  "env DECISIONLOG_SIGNING_KEY=$key $bin merge-driver $work/base.jsonl $work/ours-copy.jsonl $work/theirs/.decisionlog/events.jsonl .decisionlog/events.jsonl" --output=null >/dev/null
printf '| %s | %s ms |\n' "merge-driver: $events shared, 20 incoming kept, 20 local re-sealed and re-signed" "$(median "$file")"
hyperfine -N --warmup 1 --runs 10 -i --export-json "$file" "git merge-file -p $work/ours.jsonl $work/base.jsonl $work/theirs/.decisionlog/events.jsonl" --output=null >/dev/null
printf '| %s | %s ms |\n' "peer: git merge-file of the same three files (a text merge; it conflicts)" "$(median "$file")"
