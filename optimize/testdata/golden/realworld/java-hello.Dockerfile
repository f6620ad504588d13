FROM eclipse-temurin:17-jdk AS runtime-build
WORKDIR /app
COPY . .
RUN javac -d classes $(find src/main/java -name '*.java') \
 && jar --create --file app.jar --main-class dev.dockopt.hello.Main -C classes .
EXPOSE 8080
CMD ["java", "-jar", "app.jar"]

FROM eclipse-temurin:17-jre AS runtime
WORKDIR /app
COPY --from=runtime-build /app/app.jar /app/app.jar
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-log-init --no-create-home --shell /usr/sbin/nologin app
USER 10001:10001
EXPOSE 8080
CMD ["java", "-jar", "app.jar"]
