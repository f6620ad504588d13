# want: DO401
FROM eclipse-temurin:21-jre
RUN <<EOF
set -eux
mkdir -p /app
EOF
COPY app.jar /app/app.jar
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
