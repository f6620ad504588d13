# the image compiles: a JDK is needed (DO108's business)
FROM eclipse-temurin:21
COPY . .
RUN javac Main.java
CMD ["java", "Main"]
