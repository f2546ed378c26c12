# One image per service, built from this repository:
#   docker build --build-arg SERVICE=command-service -t participation/command-service .
#   docker build --build-arg SERVICE=query-service   -t participation/query-service .
FROM eclipse-temurin:21-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -ntp -DskipTests -pl ${SERVICE} -am package

FROM eclipse-temurin:21-jre
ARG SERVICE
WORKDIR /app
COPY --from=build /src/${SERVICE}/target/${SERVICE}-*.jar /app/service.jar
RUN useradd --system --uid 10001 service
USER service
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
