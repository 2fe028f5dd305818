#!/bin/sh
# One shot, idempotent: the network-init service of docker-compose.yml. Generates the authority
# keys into $KEYS_DIR (a volume; kept, never overwritten), initializes the program with them and
# registers the model. A second `docker compose up` finds the keys and an initialized network and
# exits 0. The reward-builder signs its epoch closes with $KEYS_DIR/rewarder.key and its reward
# records and accruals with $KEYS_DIR/reward-builder.key: both are registered as reward authorities.
# $KEYS_DIR/custody.key is the custody authority; it funds the reward vault the records draw on.
set -eu
KEYS_DIR=${KEYS_DIR:-/keys}
MODEL=${MODEL:-llama-3-70b}

# the image's CLI; STAKESTREAM_CLASSPATH runs another build of it (ComposeInitIT runs this script against an in-process stack)
CLI_CLASSPATH=${STAKESTREAM_CLASSPATH:-/app/cli/target/stakestream-cli-0.1.0-SNAPSHOT.jar:/app/cli/target/lib/*}

cli() {
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -cp "$CLI_CLASSPATH" io.stakestream.cli.Main "$@"
}

for role in admin slasher halter rewarder reward-builder custody treasury; do
  if [ ! -f "$KEYS_DIR/$role.key" ]; then
    echo "new $role key: $(cli keygen --out "$KEYS_DIR/$role.key")"
  fi
done

# Exit code 3 is "refused"; on a restart the refusal is ALREADY_INITIALIZED, which is what we want.
status=0
out=$(cli network init --json --key "$KEYS_DIR/admin.key" --slashing "$KEYS_DIR/slasher.key" --halt "$KEYS_DIR/halter.key" \
  --reward "$KEYS_DIR/rewarder.key" --custody "$KEYS_DIR/custody.key" --treasury "$KEYS_DIR/treasury.key") || status=$?
echo "$out"
if [ "$status" -ne 0 ] && ! { [ "$status" -eq 3 ] && echo "$out" | grep -q ALREADY_INITIALIZED; }; then
  echo "network init failed (exit $status)" >&2
  exit "$status"
fi
# the reward-builder signs reward records and accruals with a key of its own (its nonces are epochs,
# the epoch clock's are times): both are reward authorities. Setting the same list twice is harmless.
cli network authorities --key "$KEYS_DIR/admin.key" --role REWARD \
  --account "$KEYS_DIR/rewarder.key" --account "$KEYS_DIR/reward-builder.key"
cli model set --key "$KEYS_DIR/admin.key" --model "$MODEL" --required-stake "${MODEL_REQUIRED_STAKE:-0}"
# every reward record draws on the reward vault. Nobody watches a chain here, so custody.key funds it
# once, standing in for the chain's funding transfer: a fixed transfer, so a rerun is DUPLICATE_DEPOSIT.
status=0
out=$(cli fund-rewards --json --key "$KEYS_DIR/custody.key" --tokens "${REWARD_FUNDING_TOKENS:-1000000}" \
  --usdc "${REWARD_FUNDING_USDC:-1000000}" --tx 636f6d706f73652d696e69742d66756e642d7265776172647300000000000000) || status=$?
echo "$out"
if [ "$status" -ne 0 ] && ! { [ "$status" -eq 3 ] && echo "$out" | grep -q DUPLICATE_DEPOSIT; }; then
  echo "funding the reward vault failed (exit $status)" >&2
  exit "$status"
fi
echo "network initialized; authority keys in $KEYS_DIR"
