package org.openliveness.server.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.openliveness.engine.FaceEngine;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Loads the face engine (nine ONNX models read, checked and optimised: most of a second) on a
 * thread of its own from the moment the application context is created, so that it overlaps the
 * context's other start-up work (database, migrations, keys, web layers) instead of following it.
 * The {@code faceEngine} bean takes the loaded engine and owns it from then on; a start that fails
 * first closes it here. A model that cannot be loaded fails the start, with the engine's message,
 * when the bean takes it. Registered for every context of the service in {@code META-INF/spring.factories}.
 */
public final class EngineLoading implements DisposableBean {

    static final String BEAN_NAME = "engineLoading";

    private final CompletableFuture<FaceEngine> loading;
    private volatile boolean handedOver;

    private EngineLoading(CompletableFuture<FaceEngine> loading) {
        this.loading = loading;
    }

    /** Starts loading the engine the context's environment configures ({@code openliveness.engine.*}). */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            var env = context.getEnvironment();
            EngineProperties properties = Binder.get(env).bindOrCreate("openliveness.engine", EngineProperties.class);
            CompletableFuture<FaceEngine> loading = new CompletableFuture<>();
            Thread loader = new Thread(() -> {
                try {
                    loading.complete(FaceEngine.create(properties.engineConfig(env)));
                } catch (Throwable e) {
                    loading.completeExceptionally(e);
                }
            }, "engine-loading");
            loader.setDaemon(true);
            loader.start();
            context.getBeanFactory().registerSingleton(BEAN_NAME, new EngineLoading(loading));
        }
    }

    /** The loaded engine, waiting for it; from now on the caller owns it. Throws what loading threw. */
    FaceEngine takeEngine() {
        try {
            FaceEngine engine = loading.join();
            handedOver = true;
            return engine;
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Closes the engine when the context ends before the {@code faceEngine} bean took it (a failed start). */
    @Override
    public void destroy() {
        if (!handedOver) {
            loading.thenAccept(FaceEngine::close).exceptionally(e -> null).join();
        }
    }
}
