package zenlab.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code assertions.xml}: a run's assertions in the JUnit XML format that Jenkins, GitLab and
 * GitHub read, as Gatling writes its own: one testsuite per run, one testcase per assertion, a
 * failed assertion a {@code <failure>} whose message gives the value measured and the
 * threshold. No timestamps or times, so the same scenario and seed give the same bytes.
 */
public final class JUnitXmlReport {

    public static final String FILE = "assertions.xml";

    private JUnitXmlReport() {
    }

    /**
     * One suite.
     *
     * @param name the suite's name, like {@code zenlab run melbourne-pair}
     * @param className what CI tools group the testcases under (Surefire's reader groups by it,
     *     GitLab shows it): the suite's name again, so that a study's points stay apart
     */
    public record Suite(String name, String className, List<AssertionOutcome> outcomes) {

        long failures() {
            return outcomes.stream().filter(o -> !o.passed()).count();
        }
    }

    /** Writes the suites to {@code file}. */
    public static void write(Path file, List<Suite> suites) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "zenlab");
            xml.writeAttribute("tests", Long.toString(suites.stream().mapToLong(s -> s.outcomes().size()).sum()));
            xml.writeAttribute("failures", Long.toString(suites.stream().mapToLong(Suite::failures).sum()));
            xml.writeAttribute("errors", "0");
            for (Suite suite : suites) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", suite.name());
                xml.writeAttribute("tests", Integer.toString(suite.outcomes().size()));
                xml.writeAttribute("failures", Long.toString(suite.failures()));
                xml.writeAttribute("errors", "0");
                xml.writeAttribute("skipped", "0");
                for (AssertionOutcome o : suite.outcomes()) {
                    xml.writeCharacters("\n    ");
                    if (o.passed()) {
                        xml.writeEmptyElement("testcase");
                        testcase(xml, suite, o);
                    } else {
                        xml.writeStartElement("testcase");
                        testcase(xml, suite, o);
                        xml.writeCharacters("\n      ");
                        xml.writeStartElement("failure");
                        xml.writeAttribute("type", o.evaluated() ? "AssertionFailed" : "FigureMissing");
                        xml.writeAttribute("message", message(o));
                        xml.writeCharacters(message(o));
                        xml.writeEndElement();
                        xml.writeCharacters("\n    ");
                        xml.writeEndElement();
                    }
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void testcase(XMLStreamWriter xml, Suite suite, AssertionOutcome o) throws XMLStreamException {
        xml.writeAttribute("classname", suite.className());
        xml.writeAttribute("name", o.expression());
    }

    /** "was 0.998736, expected app.crm.availability >= 0.999", or why the figure could not be read. */
    static String message(AssertionOutcome o) {
        if (!o.evaluated()) {
            return o.reason() + ", so " + o.expression() + " cannot hold";
        }
        return String.format(Locale.ROOT, "was %.6g, expected %s", o.value(), o.expression());
    }
}
