package id.netra.web;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds every request body of a Javalin app, whether or not it declares its length: a {@code Content-Length} above the
 * limit is answered 413 before a byte is read; a body without one (chunked) is read up to the limit and answered 413
 * as soon as it passes it, so no handler ever holds more than the limit in memory. Multipart bodies are refused (415):
 * no Netra endpoint takes uploads, and a multipart parser is one more way to spend memory and disk.
 *
 * <p>Javalin 6 checks its {@code http.maxRequestSize} against {@code Content-Length} only, so a chunked body would be
 * read whole; Jetty 11 has no {@code SizeLimitHandler}. Hence this servlet filter, in front of every route.
 */
public final class BodyLimit implements Filter {
    private static final Logger log = LoggerFactory.getLogger(BodyLimit.class);
    /** The most a limit may be: bodies are buffered in memory, and arrays are indexed by int. */
    public static final long MOST = 64L * 1024 * 1024;

    private final long maxBytes;

    /** @throws IllegalArgumentException for a limit below 1 byte or above {@link #MOST} */
    public BodyLimit(long maxBytes) {
        if (maxBytes < 1 || maxBytes > MOST) {
            throw new IllegalArgumentException("a body limit must be between 1 byte and " + MOST + " bytes, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** Puts the limit in front of every route of the app being configured. */
    public static void install(JavalinConfig cfg, long maxBytes) {
        BodyLimit filter = new BodyLimit(maxBytes);
        cfg.http.maxRequestSize = maxBytes;
        cfg.jetty.modifyServletContextHandler(h -> h.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST)));
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        String type = req.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            refuse(req, res, 415, "multipart bodies are not accepted; send JSON or a URL-encoded form");
            return;
        }
        long length = req.getContentLengthLong();
        if (length > maxBytes) {
            refuse(req, res, 413, "the body is larger than " + maxBytes + " bytes");
            return;
        }
        if (length < 0 && req.getHeader("Transfer-Encoding") != null) {
            byte[] body = req.getInputStream().readNBytes((int) maxBytes + 1);
            if (body.length > maxBytes) {
                refuse(req, res, 413, "the body is larger than " + maxBytes + " bytes");
                return;
            }
            chain.doFilter(new Buffered(req, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest req, HttpServletResponse res, int status, String why) throws IOException {
        log.warn("Refused {} {} from {}: {}.", req.getMethod(), req.getRequestURI(), req.getRemoteAddr(), why);
        res.setStatus(status);
        // The rest of the body is not wanted: close rather than read it to keep the connection.
        res.setHeader("Connection", "close");
        res.setContentType("application/json");
        res.getOutputStream().write(("{\"error\":\"" + why + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** A request whose body was read already (it had no length), replayed from memory with its length known. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already; read it blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String enc = getCharacterEncoding();
            Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
            return new BufferedReader(new InputStreamReader(getInputStream(), cs));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
