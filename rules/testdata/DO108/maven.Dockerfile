FROM maven:3.9-eclipse-temurin-21
COPY . .
# want: DO108
RUN mvn -B -DskipTests \
    # quiet
    -q package
ENTRYPOINT ["java", "-jar", "target/app.jar"]
