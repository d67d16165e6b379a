# One build, four service images (targets ingest, media, classifier, alerts), used by docker-compose.yml.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -Dmaven.test.skip=true package

FROM eclipse-temurin:21-jre AS runtime
# curl for the compose healthchecks (GET /health on each service's port); Tesseract with its Indonesian and English
# models for the media stage (read through tess4j, which loads the distribution's libtesseract).
RUN apt-get update && apt-get install -y --no-install-recommends curl tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/netra
COPY --from=build /src/app/target/netra-app.jar /opt/netra/netra-app.jar
COPY --from=build /src/app/target/lib /opt/netra/lib
COPY --from=build /src/app/src/main/resources/samples /opt/netra/samples
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-cp", "/opt/netra/netra-app.jar:/opt/netra/lib/*", "id.netra.app.Netra"]
CMD ["--help"]

FROM runtime AS ingest
EXPOSE 8081
CMD ["ingest"]

FROM runtime AS media
EXPOSE 8083
CMD ["media"]

FROM runtime AS classifier
EXPOSE 8082
CMD ["classifier"]

FROM runtime AS alerts
# The alerts and cases are in a SQLite file under the state directory (mount a volume there), so a bounded heap serves
# any history; the parallel collector, as docker-compose.yml explains. JAVA_TOOL_OPTIONS can still be overridden at run time.
ENV JAVA_TOOL_OPTIONS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:NewRatio=1" NETRA_ALERTS_STATE_DIR=/var/lib/netra/alerts-state
VOLUME /var/lib/netra/alerts-state
EXPOSE 8080
CMD ["alerts"]
