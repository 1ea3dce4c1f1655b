#!/usr/bin/env bash
# npm test: every tier, in order. Any failure fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run lint
npm run typecheck
npm run build
npm run test:unit
