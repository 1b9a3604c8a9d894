package com.tikneuron.summary.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The built-in engine: TextRank over the transcript's de-duplicated sentences. It only quotes the transcript,
 * so it can only answer in the transcript's own language and cannot write the structured shape's call to action.
 */
@ApplicationScoped
public class ExtractiveSummarizer implements SummaryEngine {

    static final String VERSION = "builtin-textrank-2";
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MAX_SENTENCE_CHARS = 280;
    private static final double DAMPING = 0.85;
    private static final int ITERATIONS = 40;
    private static final double DUPLICATE_OVERLAP = 0.8;
    // Very long transcripts are thinned before ranking: the graph is quadratic in the number of sentences.
    private static final int MAX_SENTENCES = 1200;
    private static final int MIN_BULLETS = 3;

    @Override
    public String name() {
        return "builtin";
    }

    @Override
    public String model() {
        return "textrank";
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Optional<String> refusal(SummaryType type, String language, String transcriptLanguage) {
        if (type == SummaryType.STRUCTURED) {
            return Optional.of("Structured summaries need a language model; none is configured on this server");
        }
        if (!language.equals(transcriptLanguage)) {
            return Optional.of("A summary in another language than the video's needs a language model; none is configured on this server");
        }
        return Optional.empty();
    }

    @Override
    public Uni<String> summarize(SummaryJob job) {
        return Uni.createFrom().item(() -> summarizeNow(job)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    String summarizeNow(SummaryJob job) {
        List<String> distinct = distinct(Sentences.of(job.transcript()));
        if (distinct.isEmpty()) {
            throw new SummaryFailedException("No subtitle available for this video");
        }
        List<String> sentences = job.type() == SummaryType.BULLETPOINT
                ? Sentences.atLeast(job.transcript(), distinct, MIN_BULLETS)
                : distinct;
        List<Set<String>> words = sentences.stream().map(ExtractiveSummarizer::words).toList();
        double[] scores = rank(words);
        int wanted = job.type() == SummaryType.BULLETPOINT
                ? clamp(sentences.size() / 4, 3, 7)
                : clamp(sentences.size() / 5, 2, 6);
        List<Integer> chosen = IntStream.range(0, sentences.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i))
                .limit(Math.min(wanted, sentences.size()))
                .sorted()
                .toList();
        List<String> picked = chosen.stream().map(i -> tidy(sentences.get(i))).toList();
        if ("on_screen_text".equals(job.transcript().source())) {
            // The reader is told where the words come from: the video has no speech, only text on screen.
            List<String> noted = new ArrayList<>();
            noted.add(NO_SPEECH_NOTES.getOrDefault(job.language(), NO_SPEECH_NOTES.get("en")));
            noted.addAll(picked);
            picked = noted;
        }
        return job.type() == SummaryType.BULLETPOINT ? bullets(picked) : paragraphs(picked);
    }

    /** "No speech was found in this video; this summary is of the text it shows on screen", in the eight languages. */
    static final Map<String, String> NO_SPEECH_NOTES = Map.of(
            "en", "No speech was found in this video; this summary is of the text it shows on screen.",
            "es", "No se encontró habla en este vídeo; este resumen es del texto que muestra en pantalla.",
            "id", "Tidak ada ucapan dalam video ini; ringkasan ini berasal dari teks yang ditampilkan di layar.",
            "de", "In diesem Video wurde keine Sprache gefunden; diese Zusammenfassung gibt den Text auf dem Bildschirm wieder.",
            "fr", "Aucune parole n'a été trouvée dans cette vidéo ; ce résumé porte sur le texte affiché à l'écran.",
            "da", "Der blev ikke fundet tale i denne video; dette resumé gengiver teksten på skærmen.",
            "ar", "لم يُعثر على كلام في هذا الفيديو؛ هذا الملخص مأخوذ من النص المعروض على الشاشة.",
            "it", "In questo video non è stato trovato parlato; questo riassunto riguarda il testo mostrato sullo schermo.");

    private static String bullets(List<String> picked) {
        return String.join("\n", picked.stream().map(sentence -> "- " + sentence).toList());
    }

    private static String paragraphs(List<String> picked) {
        int count = picked.size() <= 3 ? 1 : picked.size() <= 5 ? 2 : 3;
        int perParagraph = (int) Math.ceil(picked.size() / (double) count);
        List<String> paragraphs = new ArrayList<>();
        for (int start = 0; start < picked.size(); start += perParagraph) {
            paragraphs.add(String.join(" ", picked.subList(start, Math.min(picked.size(), start + perParagraph))));
        }
        return String.join("\n\n", paragraphs);
    }

    /** Drops repeated and near-repeated sentences, which ASR captions and chatty videos are full of. */
    private static List<String> distinct(List<String> sentences) {
        List<String> kept = new ArrayList<>();
        List<Set<String>> keptWords = new ArrayList<>();
        for (String sentence : sentences) {
            Set<String> candidate = words(sentence);
            if (candidate.isEmpty()) {
                continue;
            }
            boolean repeated = keptWords.stream().anyMatch(existing -> overlap(existing, candidate) >= DUPLICATE_OVERLAP);
            if (!repeated) {
                kept.add(sentence);
                keptWords.add(candidate);
            }
        }
        if (kept.size() <= MAX_SENTENCES) {
            return kept;
        }
        double step = kept.size() / (double) MAX_SENTENCES;
        return IntStream.range(0, MAX_SENTENCES).mapToObj(i -> kept.get((int) (i * step))).toList();
    }

    private static double[] rank(List<Set<String>> words) {
        int n = words.size();
        double[][] weights = new double[n][n];
        double[] outSum = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double similarity = similarity(words.get(i), words.get(j));
                weights[i][j] = similarity;
                weights[j][i] = similarity;
                outSum[i] += similarity;
                outSum[j] += similarity;
            }
        }
        double[] scores = new double[n];
        Arrays.fill(scores, 1.0);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    if (weights[j][i] > 0) {
                        sum += weights[j][i] / outSum[j] * scores[j];
                    }
                }
                next[i] = (1 - DAMPING) + DAMPING * sum;
            }
            scores = next;
        }
        return scores;
    }

    /** TextRank's sentence similarity: shared words, damped by sentence lengths so long sentences do not win by size. */
    private static double similarity(Set<String> a, Set<String> b) {
        if (a.size() < 2 || b.size() < 2) {
            return 0;
        }
        Set<String> smaller = a.size() < b.size() ? a : b;
        Set<String> larger = smaller == a ? b : a;
        long shared = smaller.stream().filter(larger::contains).count();
        return shared == 0 ? 0 : shared / (Math.log(a.size()) + Math.log(b.size()));
    }

    private static double overlap(Set<String> a, Set<String> b) {
        Set<String> smaller = a.size() < b.size() ? a : b;
        Set<String> larger = smaller == a ? b : a;
        long shared = smaller.stream().filter(larger::contains).count();
        return shared / (double) smaller.size();
    }

    private static Set<String> words(String sentence) {
        Set<String> words = new HashSet<>();
        for (String word : NON_WORD.split(sentence.toLowerCase(Locale.ROOT))) {
            if (word.length() > 2 && !StopWords.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    private static String tidy(String sentence) {
        String trimmed = sentence.strip();
        if (trimmed.length() > MAX_SENTENCE_CHARS) {
            int cut = trimmed.lastIndexOf(' ', MAX_SENTENCE_CHARS);
            trimmed = trimmed.substring(0, cut > 0 ? cut : MAX_SENTENCE_CHARS) + "…";
        }
        return trimmed.substring(0, 1).toUpperCase(Locale.ROOT) + trimmed.substring(1);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
