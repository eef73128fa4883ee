#!/usr/bin/env bash
# Refresh the lock from pyproject.toml's ranges: `make lock` runs this with the venv's uv.
#
#   dev.txt       Masthead's dependencies and the dev extra, hashed: make install
#   semantic.txt  dev.txt plus the semantic extra, hashed, except torch: make install-semantic
#   torch.txt     torch's version alone, installed by version before semantic.txt
#
# torch stays out of the hashed lock, and with it the CUDA runtime (nvidia-*, cuda-*,
# triton) that a PyPI torch brings on Linux: our machines' pip finds torch's CPU build on
# the local disk (pip's find-links), whose hash no PyPI wheel has; elsewhere install it
# from PyTorch's CPU index (docs/configuration.md). torch's own dependencies stay hashed.
# --universal with Python 3.11 as the floor: one lock for every platform and Python >= 3.11.
set -euo pipefail
cd "$(dirname "$0")/.."
uv=${UV:-uv}
compile=("$uv" pip compile --universal --python-version 3.11 --custom-compile-command "make lock")

"${compile[@]}" --quiet --generate-hashes pyproject.toml requirements/dev.in --extra dev \
  -o requirements/dev.txt

semantic=(pyproject.toml requirements/dev.in --extra dev --extra semantic -c requirements/dev.txt)
plain=$("${compile[@]}" --no-header --no-annotate "${semantic[@]}" 2>/dev/null)
torch_only=$(sed -n -E 's/^(torch|triton|nvidia-[^= ]+|cuda-[^= ]+)==.*/--no-emit-package \1/p' <<<"$plain")
# shellcheck disable=SC2086  # one word per option
"${compile[@]}" --quiet --generate-hashes "${semantic[@]}" $torch_only -o requirements/semantic.txt

{
  echo "# torch for make install-semantic, by version and without hashes (requirements/lock.sh says why)."
  grep -E '^torch==' <<<"$plain"
} >requirements/torch.txt
