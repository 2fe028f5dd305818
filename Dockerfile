# One image for every stakestream service; SERVICE_MAIN picks the entry point:
#   io.stakestream.app.StreamsAppMain        (streams-app)
#   io.stakestream.rewards.RewardBuilderMain (reward-builder)
#   io.stakestream.cli.Main                  (cli; e.g. `topics` creates/checks the topics)

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Poms first, so the dependency layer is reused while only sources change.
COPY pom.xml ./
COPY schemas/pom.xml schemas/
COPY ledger/pom.xml ledger/
COPY protocol/pom.xml protocol/
COPY topics/pom.xml topics/
COPY embedded/pom.xml embedded/
COPY testkit/pom.xml testkit/
COPY streams-app/pom.xml streams-app/
COPY reward-builder/pom.xml reward-builder/
COPY soak/pom.xml soak/
COPY cli/pom.xml cli/
RUN mvn -B -q dependency:go-offline -DexcludeGroupIds=io.stakestream || true
COPY . .
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17-jre
# /keys and /reward-data exist owned by the service user, so fresh volumes mounted there are writable
RUN useradd --system --uid 10001 --home-dir /app stakestream \
 && mkdir -p /app/cli/target /var/lib/stakestream /keys /reward-data \
 && chown stakestream /var/lib/stakestream /keys /reward-data
WORKDIR /app
COPY --from=build /src/cli/target/stakestream-cli-0.1.0-SNAPSHOT.jar cli/target/
COPY --from=build /src/cli/target/lib/ cli/target/lib/
COPY --from=build /src/compose/init-network.sh /app/init-network.sh
USER stakestream
ENV SERVICE_MAIN=io.stakestream.cli.Main \
    STATE_DIR=/var/lib/stakestream \
    JAVA_OPTS="-XX:MaxRAMPercentage=75"
# exec: java is PID 1 and gets SIGTERM, so Kafka Streams closes cleanly on `docker compose stop`.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -cp 'cli/target/stakestream-cli-0.1.0-SNAPSHOT.jar:cli/target/lib/*' \"$SERVICE_MAIN\" \"$@\"", "--"]
