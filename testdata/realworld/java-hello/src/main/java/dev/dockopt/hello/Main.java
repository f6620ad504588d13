package dev.dockopt.hello;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A small HTTP service on the JDK alone (com.sun.net.httpserver): written for dockopt's
 * real-world suite, which builds without Maven Central. GET /health answers "ok", GET / a JSON
 * greeting, anything else 404. PORT (default 8080) is the port it listens on.
 */
public final class Main {
    private Main() {}

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", ex -> {
            switch (ex.getRequestURI().getPath()) {
                case "/" -> send(ex, 200, "application/json",
                        "{\"service\":\"java-hello\",\"java\":\"" + System.getProperty("java.version") + "\"}\n");
                case "/health" -> send(ex, 200, "text/plain", "ok\n");
                default -> send(ex, 404, "text/plain", "not found\n");
            }
        });
        server.start();
        System.out.println("java-hello listening on :" + port);
    }
}
