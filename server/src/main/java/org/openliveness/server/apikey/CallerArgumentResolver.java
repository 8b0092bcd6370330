package org.openliveness.server.apikey;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Supplies {@link Caller} controller parameters. On the session-token endpoints a request may come
 * without a key: there, read {@link Caller#of} instead of declaring a {@code Caller} parameter,
 * which answers 401 {@code INVALID_API_KEY} when no key was sent.
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        return Caller.of(request).orElseThrow(() -> ApiKeyInterceptor.invalid("Send an API key in the X-API-Key header."));
    }
}
