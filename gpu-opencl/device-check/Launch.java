import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.engine.TestExecutionResult;

/** Runs the JUnit tests of one package and prints a summary (device machine, no Maven there). */
public class Launch {
  public static void main(String[] args) {
    LauncherDiscoveryRequest req = LauncherDiscoveryRequestBuilder.request().selectors(selectPackage(args[0])).build();
    Launcher l = LauncherFactory.create();
    SummaryGeneratingListener sum = new SummaryGeneratingListener();
    TestExecutionListener each = new TestExecutionListener() {
      public void executionFinished(TestIdentifier id, TestExecutionResult r) {
        if (id.isTest()) System.out.println(r.getStatus() + " " + id.getUniqueId().replaceAll(".*class:", "").replaceAll("\\]/\\[method:", "#"));
      }
      public void executionSkipped(TestIdentifier id, String reason) { System.out.println("SKIPPED " + id.getDisplayName() + ": " + reason); }
    };
    l.execute(req, sum, each);
    sum.getSummary().printTo(new PrintWriter(System.out));
    sum.getSummary().printFailuresTo(new PrintWriter(System.out), 20);
    System.exit(sum.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
  }
}
