package org.openliveness.server.nativeapi;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;
import org.openliveness.server.web.ProblemCodes;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.DefaultMultipartHttpServletRequest;

/**
 * Checks the session token of a multipart capture upload (challenge, reference selfie, preview)
 * before the rest of the body is read: the parts are read one at a time as they arrive, and when
 * the {@code sessionToken} field belongs to no session the request is refused at once (401
 * {@code INVALID_SESSION_TOKEN}) and the connection closed, without reading, buffering or
 * analysing the photos after it. The capture component and the documented examples send the token
 * first; a client that sends it after the files has them read into memory (never analysed) before
 * the check. The parts read are handed on as an already-resolved multipart request, within the
 * same limits as Spring's: 10 MB per file, 32 MB per request (413 {@code PHOTO_TOO_LARGE}).
 */
final class CaptureUploadGate extends OncePerRequestFilter {

    static final Set<String> PATHS = Set.of(SessionController.BASE + "/challenge", SessionController.BASE + "/reference-selfie",
            SessionController.BASE + "/preview");
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    static final long MAX_REQUEST_BYTES = 32L * 1024 * 1024;
    private static final int MAX_PARTS = 40;
    private static final int MAX_FIELD_BYTES = 4096;

    private final Predicate<String> knownToken;

    /** @param knownToken whether a session token belongs to a session (a cheap lookup of its hash) */
    CaptureUploadGate(Predicate<String> knownToken) {
        this.knownToken = knownToken;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !"POST".equals(request.getMethod()) || type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
                || !PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        FileUpload upload = new FileUpload();
        upload.setSizeMax(MAX_REQUEST_BYTES);
        upload.setFileSizeMax(MAX_FILE_BYTES);
        upload.setFileCountMax(MAX_PARTS);
        MultiValueMap<String, MultipartFile> files = new LinkedMultiValueMap<>();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        try {
            FileItemIterator parts = upload.getItemIterator(new ServletRequestContext(request));
            boolean checked = false;
            while (parts.hasNext()) {
                FileItemStream part = parts.next();
                try (InputStream in = part.openStream()) {
                    if (part.isFormField()) {
                        String value = new String(in.readNBytes(MAX_FIELD_BYTES), StandardCharsets.UTF_8);
                        fields.computeIfAbsent(part.getFieldName(), k -> new ArrayList<>()).add(value);
                        if (!checked && "sessionToken".equals(part.getFieldName())) {
                            checked = true;
                            if (!knownToken.test(value)) {
                                response.setHeader("Connection", "close");
                                ProblemCodes.write(request, response, HttpStatus.UNAUTHORIZED, "INVALID_SESSION_TOKEN", "unknown session token");
                                return;
                            }
                        }
                    } else {
                        files.add(part.getFieldName(), new Part(part.getFieldName(), part.getName(), part.getContentType(),
                                in.readAllBytes()));
                    }
                }
            }
        } catch (NullPointerException | IllegalArgumentException | IllegalStateException malformed) {
            // The container's parser fails this way on malformed parts, e.g. a part declared
            // multipart/mixed without a boundary (found by the fuzzer: it answered 500).
            response.setHeader("Connection", "close");
            ProblemCodes.write(request, response, HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_REQUEST,
                    "The request must be multipart/form-data with the fields this endpoint documents.");
            return;
        } catch (SizeException e) {
            response.setHeader("Connection", "close");
            ProblemCodes.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, ProblemCodes.PHOTO_TOO_LARGE,
                    "The upload is too large: at most 10 MB per file and 32 MB per request.");
            return;
        } catch (IOException e) {
            if (e.getCause() instanceof SizeException) {
                response.setHeader("Connection", "close");
                ProblemCodes.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, ProblemCodes.PHOTO_TOO_LARGE,
                        "The upload is too large: at most 10 MB per file and 32 MB per request.");
                return;
            }
            ProblemCodes.write(request, response, HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_REQUEST,
                    "The request must be multipart/form-data with the fields this endpoint documents.");
            return;
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        fields.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
        chain.doFilter(new DefaultMultipartHttpServletRequest(request, files, parameters, Map.of()), response);
    }

    /** One uploaded file, in memory. */
    private record Part(String name, String originalFilename, String contentType, byte[] bytes) implements MultipartFile {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getOriginalFilename() {
            return originalFilename;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public boolean isEmpty() {
            return bytes.length == 0;
        }

        @Override
        public long getSize() {
            return bytes.length;
        }

        @Override
        public byte[] getBytes() {
            return bytes;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public void transferTo(File dest) throws IOException {
            Files.write(dest.toPath(), bytes);
        }
    }
}
