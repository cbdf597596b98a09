package io.healthservice.support;

import io.vertx.core.json.JsonObject;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The JDK's HTTP/1.1 client against one local port, as a load balancer or the kubelet probes: every request has a
 * 5 s deadline. (Vert.x 5.0.10's own client, awaited from a test thread, now and then never completes a request.)
 */
public final class ProbeHttp {

  private final int port;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(2)).build();

  public ProbeHttp(int port) {
    this.port = port;
  }

  /** One answer: status, headers, body. */
  public record Answer(int status, java.net.http.HttpHeaders headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /** {@code headers} as name, value, name, value... */
  public Answer send(String method, String uri, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + uri))
      .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.headers(), response.body());
  }

  public Answer get(String uri, String... headers) throws Exception {
    return send("GET", uri, headers);
  }

  /**
   * The answer (head and body, by its {@code Content-Length}) to a request the JDK's client would refuse to send:
   * {@code head} is the request line and any headers. The server need not close the connection.
   */
  public String raw(String head) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write((head + "\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      java.io.InputStream in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      while (answer.indexOf("\r\n\r\n") < 0) {
        int c = in.read();
        if (c == -1) {
          return answer.toString();
        }
        answer.append((char) c);
      }
      java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(answer);
      if (length.find()) {
        answer.append(new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.ISO_8859_1));
      }
      return answer.toString();
    }
  }
}
