FROM eclipse-temurin:17-jdk AS runtime-build
WORKDIR /app
COPY . .
RUN javac -d classes $(find src/main/java -name '*.java') \
 && jar --create --file app.jar --main-class dev.dockopt.hello.Main -C classes .
RUN jdeps --ignore-missing-deps --print-module-deps --multi-release 17 /app/app.jar > /opt/jre-modules
EXPOSE 8080
CMD ["java", "-jar", "app.jar"]

FROM eclipse-temurin:17-jdk AS runtime-jre
COPY --from=runtime-build /opt/jre-modules /opt/jre-modules
RUN jlink --add-modules "$(cat /opt/jre-modules)" --strip-debug --no-man-pages --no-header-files --compress=2 --output /opt/jre

FROM debian:bookworm-slim AS runtime
ENV JAVA_HOME=/opt/jre PATH="/opt/jre/bin:${PATH}"
WORKDIR /app
COPY --from=runtime-jre /opt/jre /opt/jre
COPY --from=runtime-build /app/app.jar /app/app.jar
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-log-init --no-create-home --shell /usr/sbin/nologin app
USER 10001:10001
EXPOSE 8080
CMD ["java", "-jar", "app.jar"]
