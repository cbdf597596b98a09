# An aiosmtpd (Debian's python3-aiosmtpd 1.4) on 127.0.0.1:PORT for the smtp check's tests, in one of these modes:
#   plain        greeting (two lines), EHLO without STARTTLS
#   starttls     STARTTLS offered and required before mail (require_starttls), with CERT and KEY
#   smtps        TLS from the first byte (implicit TLS), with CERT and KEY
#   greeting-554 the greeting is a 554 with a text the check must never show
#   ehlo-451     EHLO is answered 451 with a text the check must never show
# Usage: smtp_server.py MODE PORT [CERT KEY]
import asyncio
import logging
import ssl
import sys

from aiosmtpd.smtp import SMTP

SECRET_TEXT = "mx-secret.internal says no"


class Handler:
    def __init__(self, mode):
        self.mode = mode

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.mode == "ehlo-451":
            return ["451 4.3.0 " + SECRET_TEXT]
        return responses


class Server(SMTP):
    """A multi-line greeting (as postscreen and many MTAs send), or a 554 one."""

    def __init__(self, mode, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode = mode
        self.greeted = False

    async def push(self, status):
        if not self.greeted and status.startswith("220 "):
            self.greeted = True
            if self.mode == "greeting-554":
                await super().push("554 5.3.2 " + SECRET_TEXT)
                self.transport.close()
                return
            await super().push("220-mx.test ESMTP test server")
        await super().push(status)


def main():
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    mode, port = sys.argv[1], int(sys.argv[2])
    context = None
    if mode in ("starttls", "smtps"):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(sys.argv[3], sys.argv[4])
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    tls = context if mode == "starttls" else None

    def factory():
        return Server(mode, Handler(mode), hostname="mx.test", tls_context=tls,
                      require_starttls=tls is not None, loop=loop)

    server = loop.run_until_complete(
        loop.create_server(factory, host="127.0.0.1", port=port, ssl=context if mode == "smtps" else None))
    print("listening on 127.0.0.1:%d (%s)" % (port, mode), file=sys.stderr, flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    main()
