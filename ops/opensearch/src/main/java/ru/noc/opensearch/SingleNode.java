package ru.noc.opensearch;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node in this JVM, with the modules a distribution loads from its modules/ folder passed as
 * classpath plugins (as the OpenSearch test framework's MockNode does): HTTP and transport (Netty 4), the
 * analyzers (analysis-common: the Russian stemmer and stop words) and Painless.
 *
 * Usage: java -cp ... ru.noc.opensearch.SingleNode HOME CONFIG [key=value ...] — node settings as arguments; data
 * and logs go under HOME, CONFIG holds log4j2.properties. The node stops cleanly on SIGTERM.
 */
public final class SingleNode {

    static final List<Class<? extends Plugin>> MODULES = List.of(
        Netty4Plugin.class, CommonAnalysisPlugin.class, PainlessPlugin.class);

    /** Node's constructor that takes classpath plugins is protected. */
    static final class ClasspathNode extends Node {
        ClasspathNode(Environment environment, List<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Settings.Builder builder = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "noc-dev")
            .put("node.name", "noc-dev-1")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", "9200")
            .put("transport.port", "9300")
            // One node: replicas could never be assigned, and the shared disk must not turn the cluster red.
            .put("cluster.default_number_of_replicas", 0)
            .put("cluster.routing.allocation.disk.threshold_enabled", false);
        for (int i = 2; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            builder.put(pair[0], pair[1]);
        }
        Settings settings = builder.build();
        LogConfigurator.registerErrorListener();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Collections.emptyMap(), Path.of(args[1]).toAbsolutePath(), () -> settings.get("node.name"));
        LogConfigurator.setNodeName(settings.get("node.name"));
        LogConfigurator.configure(environment);
        Node node = new ClasspathNode(environment, MODULES);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "noc-opensearch-shutdown"));
        node.start();
        System.out.println("OpenSearch " + org.opensearch.Version.CURRENT + " started, modules " + MODULES);
        stopped.await();
    }
}
