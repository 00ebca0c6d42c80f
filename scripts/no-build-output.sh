#!/usr/bin/env bash
# Fails when git tracks build output: an executable (ELF, Mach-O, PE) or any file over 2 MiB. `go build
# ./cmd/x` in the project root writes such a binary beside the sources, and .gitignore cannot list them all.
set -euo pipefail
if ! files="$(git ls-files -z 2>/dev/null | tr '\0' '\n')"; then
  echo "not a git checkout: nothing to check"
  exit 0
fi
limit=$((2 * 1024 * 1024))
bad=0
while IFS= read -r f; do
  [[ -f $f && ! -L $f ]] || continue
  case "$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')" in
  7f454c46 | cffaedfe | cefaedfe | 4d5a*)
    echo "tracked executable: $f (git rm --cached '$f')"
    bad=1
    continue
    ;;
  esac
  if (($(stat -c %s "$f") > limit)); then
    echo "tracked file over 2 MiB: $f"
    bad=1
  fi
done <<<"$files"
exit "$bad"
