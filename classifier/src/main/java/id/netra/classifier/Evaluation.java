package id.netra.classifier;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import id.netra.model.Alert;
import id.netra.model.Severity;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares alerts with an answer key ({@code platform,post_id,author_is_asn,partisan,expect_alert,note}): an alert
 * is an alert of severity MEDIUM or HIGH; a post is expected to alert when {@code expect_alert} is true.
 */
public final class Evaluation {
    /** A post counted wrong, with a short reason. */
    public record Miss(String postKey, String reason) {
    }

    public record Report(int truePositives, int falsePositives, int falseNegatives, double precision, double recall, double f1,
                         List<Miss> falsePositiveList, List<Miss> falseNegativeList) {
    }

    private Evaluation() {
    }

    public static Report evaluate(Path labelsCsv, Collection<Alert> alerts) throws IOException {
        Map<String, String[]> labels = new LinkedHashMap<>();
        CsvMapper csv = new CsvMapper();
        try (Reader r = Files.newBufferedReader(labelsCsv, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(r)) {
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                labels.put(row.get("platform") + ":" + row.get("post_id"),
                        new String[] {row.getOrDefault("expect_alert", "false"), row.getOrDefault("note", "")});
            }
        }
        Map<String, Alert> alerted = new LinkedHashMap<>();
        for (Alert a : alerts) {
            if (a.severity().atLeast(Severity.MEDIUM)) {
                alerted.putIfAbsent(a.post().key(), a);
            }
        }
        int tp = 0;
        List<Miss> fps = new ArrayList<>();
        List<Miss> fns = new ArrayList<>();
        for (Map.Entry<String, Alert> e : alerted.entrySet()) {
            String[] label = labels.get(e.getKey());
            if (label != null && Boolean.parseBoolean(label[0].strip())) {
                tp++;
            } else {
                Alert a = e.getValue();
                fps.add(new Miss(e.getKey(), a.severity() + " " + a.rule() + ": " + a.explanation()
                        + (label == null ? " [not in the labels]" : " [label: " + label[1] + "]")));
            }
        }
        for (Map.Entry<String, String[]> e : labels.entrySet()) {
            if (Boolean.parseBoolean(e.getValue()[0].strip()) && !alerted.containsKey(e.getKey())) {
                fns.add(new Miss(e.getKey(), e.getValue()[1]));
            }
        }
        double precision = tp + fps.size() == 0 ? 1.0 : (double) tp / (tp + fps.size());
        double recall = tp + fns.size() == 0 ? 1.0 : (double) tp / (tp + fns.size());
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Report(tp, fps.size(), fns.size(), precision, recall, f1, fps, fns);
    }
}
