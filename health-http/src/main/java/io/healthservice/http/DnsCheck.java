package io.healthservice.http;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.ClientCheck;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.DnsException;
import io.vertx.core.dns.MxRecord;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A name resolved at one DNS server with Vert.x's DNS client: down on NXDOMAIN, SERVFAIL, REFUSED (by their
 * code), on no answer of the type, or when no answer contains {@code expect_answer}.
 */
public final class DnsCheck extends ClientCheck<DnsClient> {

  private final Vertx vertx;
  private final DnsTarget target;

  public DnsCheck(Vertx vertx, String name, DnsTarget target) {
    super(name, Objects.requireNonNull(target, "target").url());
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.target = target;
  }

  @Override
  public String componentType() {
    return "system";
  }

  @Override
  protected DnsClient open(CheckContext context) {
    return vertx.createDnsClient(new DnsClientOptions().setHost(target.server()).setPort(target.port())
      .setQueryTimeout(context.clientLimitMillis()).setRecursionDesired(true));
  }

  @Override
  protected Future<Void> ping(DnsClient client, CheckContext context) {
    return answers(client)
      .recover(e -> Future.failedFuture(failure(e)))
      .compose(this::judge);
  }

  /** A response code by its name (NXDOMAIN, SERVFAIL, REFUSED); a query without answer as a timeout. */
  private static CheckFailure failure(Throwable e) {
    if (e instanceof DnsException dns) {
      return new CheckFailure(FailureKind.ERROR, dns.code().name());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().contains("Timeout")) { // Netty's DnsNameResolverTimeoutException
        return new CheckFailure(FailureKind.TIMEOUT, "no answer from the DNS server");
      }
      if (t instanceof java.net.PortUnreachableException) {
        return new CheckFailure(FailureKind.REFUSED, "connection refused");
      }
    }
    return CheckFailure.of(e);
  }

  private Future<List<String>> answers(DnsClient client) {
    return switch (target.type()) {
      case "AAAA" -> client.resolveAAAA(target.name());
      case "CNAME" -> client.resolveCNAME(target.name());
      case "MX" -> client.resolveMX(target.name()).map(records -> records.stream().map(MxRecord::name).toList());
      case "NS" -> client.resolveNS(target.name());
      case "TXT" -> client.resolveTXT(target.name());
      default -> client.resolveA(target.name());
    };
  }

  private Future<Void> judge(List<String> answers) {
    if (answers == null || answers.isEmpty()) {
      return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "no " + target.type() + " answer"));
    }
    if (target.expectAnswer().isPresent() && answers.stream()
      .noneMatch(a -> a.toLowerCase(Locale.ROOT).contains(target.expectAnswer().get().toLowerCase(Locale.ROOT)))) {
      return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "no " + target.type() + " answer matches expect_answer"));
    }
    return Future.succeededFuture();
  }

  @Override
  protected Future<Void> release(DnsClient client) {
    return client.close();
  }
}
