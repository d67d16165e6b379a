# One build, three service images (targets ingest, classifier, alerts), used by docker-compose.yml.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -Dmaven.test.skip=true package

FROM eclipse-temurin:21-jre AS runtime
# curl for the compose healthchecks (GET /health on each service's port).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/netra
COPY --from=build /src/app/target/netra-app.jar /opt/netra/netra-app.jar
COPY --from=build /src/app/target/lib /opt/netra/lib
COPY --from=build /src/app/src/main/resources/samples /opt/netra/samples
ENTRYPOINT ["java", "-cp", "/opt/netra/netra-app.jar:/opt/netra/lib/*", "id.netra.app.Netra"]
CMD ["--help"]

FROM runtime AS ingest
EXPOSE 8081
CMD ["ingest"]

FROM runtime AS classifier
EXPOSE 8082
CMD ["classifier"]

FROM runtime AS alerts
EXPOSE 8080
CMD ["alerts"]
