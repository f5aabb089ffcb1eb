package io.emp.telemetry.collector.support;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** OTLP/gRPC receiver (plaintext HTTP/2) implementing the generated Logs, Trace and Metrics services. */
public final class GrpcOtlpReceiver implements AutoCloseable {
    private final Server server;

    public GrpcOtlpReceiver(ReceivedTelemetry received) throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new LogsServiceGrpc.LogsServiceImplBase() {
                    @Override
                    public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> out) {
                        if (refuse(received, out)) return;
                        received.add(request);
                        out.onNext(ExportLogsServiceResponse.getDefaultInstance());
                        out.onCompleted();
                    }
                })
                .addService(new TraceServiceGrpc.TraceServiceImplBase() {
                    @Override
                    public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> out) {
                        if (refuse(received, out)) return;
                        received.add(request);
                        out.onNext(ExportTraceServiceResponse.getDefaultInstance());
                        out.onCompleted();
                    }
                })
                .addService(new MetricsServiceGrpc.MetricsServiceImplBase() {
                    @Override
                    public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> out) {
                        if (refuse(received, out)) return;
                        received.add(request);
                        out.onNext(ExportMetricsServiceResponse.getDefaultInstance());
                        out.onCompleted();
                    }
                })
                .build()
                .start();
    }

    private static boolean refuse(ReceivedTelemetry received, StreamObserver<?> out) {
        if (!received.refusing()) return false;
        out.onError(Status.UNAVAILABLE.withDescription("test receiver refusing").asRuntimeException());
        return true;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
