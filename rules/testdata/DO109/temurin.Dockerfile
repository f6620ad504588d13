FROM maven:3.9-eclipse-temurin-21 AS build
RUN mvn -q package

# want: DO109
FROM eclipse-temurin:21-jdk-jammy
COPY --from=build /target/app.jar /app.jar
ENTRYPOINT ["java", "-jar", "/app.jar"]
