/**
 * The {@code smtp} kind of check: {@link io.healthservice.smtp.SmtpCheck}, the greeting, {@code EHLO}, an optional
 * {@code STARTTLS} and {@code QUIT} on Vert.x core's TCP client.
 */
module io.healthservice.smtp {
  requires transitive io.healthservice.kit;

  exports io.healthservice.smtp;

  provides io.healthservice.spi.CheckKind with io.healthservice.smtp.SmtpKind;
}
