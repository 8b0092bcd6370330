package org.openliveness.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestCookieException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem with a stable
 * {@code code} (see {@link ProblemCodes}). Spring's own exceptions arrive through
 * {@link ResponseEntityExceptionHandler}, which this class reshapes in
 * {@link #handleExceptionInternal}. Details are written here, never copied from an exception
 * message, so no request data, SQL or stack text reaches a client; 5xx bodies are generic.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String GENERIC_500 = "The server could not complete the request. It has been logged; retrying may help.";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApiException(ApiException e, HttpServletRequest request) {
        return respond(e.status(), e.code(), e.detail(), request, new HttpHeaders());
    }

    /** A capture endpoint called without a readable multipart body (not multipart, or malformed). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> handleNotMultipart(MultipartException e, HttpServletRequest request) {
        return respond(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_REQUEST,
                "The request must be multipart/form-data with the fields this endpoint documents.", request, new HttpHeaders());
    }

    /** Anything unexpected: logged with its stack trace (never the request body), answered generically. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e, HttpServletRequest request) {
        log.error("unhandled exception answering {} {}", request.getMethod(), ProblemCodes.instance(request.getRequestURI()), e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, ProblemCodes.INTERNAL_ERROR, GENERIC_500, request, new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        String code;
        String detail;
        if (status.is5xxServerError()) {
            log.error("request failed: {} {}", servletRequest.getMethod(), ProblemCodes.instance(servletRequest.getRequestURI()), e);
            code = status.value() == 503 ? ProblemCodes.SERVICE_UNAVAILABLE : ProblemCodes.INTERNAL_ERROR;
            detail = status.value() == 503 ? "The server cannot answer now; retry later." : GENERIC_500;
        } else if (e instanceof MaxUploadSizeExceededException) {
            status = HttpStatus.PAYLOAD_TOO_LARGE;
            code = ProblemCodes.PHOTO_TOO_LARGE;
            detail = "The upload is too large: at most 10 MB per file and 32 MB per request.";
        } else if (e instanceof MissingServletRequestParameterException m) {
            code = ProblemCodes.MISSING_PARAMETER;
            detail = "Missing required parameter '" + m.getParameterName() + "'.";
        } else if (e instanceof MissingServletRequestPartException m) {
            code = ProblemCodes.MISSING_PARAMETER;
            detail = "Missing required part '" + m.getRequestPartName() + "'.";
        } else if (e instanceof MissingRequestValueException) {
            code = ProblemCodes.MISSING_PARAMETER;
            detail = missingValueDetail(e);
        } else if (e instanceof MethodArgumentNotValidException m) {
            code = ProblemCodes.INVALID_REQUEST;
            detail = validationDetail(m.getBindingResult().getFieldErrors(), m.getBindingResult().getGlobalErrors());
        } else if (e instanceof HandlerMethodValidationException m) {
            code = ProblemCodes.INVALID_REQUEST;
            detail = m.getParameterValidationResults().stream()
                    .map(r -> "'" + r.getMethodParameter().getParameterName() + "' "
                            + r.getResolvableErrors().stream().map(MessageSourceResolvable::getDefaultMessage)
                                    .collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("; ", "Invalid request: ", "."));
        } else if (e instanceof HttpMessageNotReadableException m) {
            code = ProblemCodes.INVALID_REQUEST;
            detail = unreadableDetail(m);
        } else if (e instanceof TypeMismatchException m) {
            code = ProblemCodes.INVALID_REQUEST;
            String name = m instanceof MethodArgumentTypeMismatchException a ? a.getName() : m.getPropertyName();
            detail = "Parameter '" + name + "' has an invalid value.";
        } else if (e instanceof HttpMediaTypeNotSupportedException m) {
            code = ProblemCodes.UNSUPPORTED_MEDIA_TYPE;
            detail = "Content type not supported here; use one of " + m.getSupportedMediaTypes().stream()
                    .map(MediaType::toString).collect(Collectors.joining(", ")) + ".";
        } else if (e instanceof HttpMediaTypeNotAcceptableException) {
            code = ProblemCodes.NOT_ACCEPTABLE;
            detail = "No representation matches the Accept header.";
        } else if (e instanceof HttpRequestMethodNotSupportedException m) {
            code = ProblemCodes.METHOD_NOT_ALLOWED;
            detail = "Method " + m.getMethod() + " is not supported at this path.";
        } else if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            code = ProblemCodes.NOT_FOUND;
            detail = "No endpoint at " + servletRequest.getMethod() + " " + ProblemCodes.instance(servletRequest.getRequestURI()) + ".";
        } else {
            code = ProblemCodes.INVALID_REQUEST;
            detail = "The request cannot be processed (HTTP " + status.value() + ").";
        }
        HttpHeaders responseHeaders = new HttpHeaders();
        responseHeaders.addAll(headers);
        return ResponseEntity.status(status).headers(responseHeaders).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(status, code, detail, servletRequest));
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatusCode status, String code, String detail,
            HttpServletRequest request, HttpHeaders headers) {
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(status, code, detail, request));
    }

    private static ProblemDetail problem(HttpStatusCode status, String code, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemCodes.problem(status, code, detail);
        if (request != null) {
            problem.setInstance(ProblemCodes.instance(request.getRequestURI()));
        }
        return problem;
    }

    private static String missingValueDetail(Exception e) {
        if (e instanceof MissingRequestHeaderException h) {
            return "Missing required header '" + h.getHeaderName() + "'.";
        }
        if (e instanceof MissingPathVariableException p) {
            return "Missing path variable '" + p.getVariableName() + "'.";
        }
        if (e instanceof MissingRequestCookieException c) {
            return "Missing required cookie '" + c.getCookieName() + "'.";
        }
        return "A required request value is missing.";
    }

    private static String validationDetail(List<FieldError> fields, List<? extends MessageSourceResolvable> global) {
        String fieldText = fields.stream()
                .map(f -> "field '" + f.getField() + "' " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        String globalText = global.stream().map(MessageSourceResolvable::getDefaultMessage).collect(Collectors.joining("; "));
        String all = fieldText.isEmpty() ? globalText : globalText.isEmpty() ? fieldText : fieldText + "; " + globalText;
        return "Invalid request: " + (all.isEmpty() ? "validation failed" : all) + ".";
    }

    /** Names the JSON field that could not be read, never echoing its value. */
    private static String unreadableDetail(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "Field '" + jsonPath(mapping.getPath()) + "' is missing or has an invalid value.";
        }
        if (cause instanceof JsonProcessingException) {
            return "The request body is not valid JSON.";
        }
        return "The request body is missing or cannot be read.";
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                text.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                text.append('[').append(ref.getIndex()).append(']');
            }
        }
        return text.toString();
    }
}
