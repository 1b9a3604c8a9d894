package com.tikneuron.diarization.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tikneuron.diarization.ocr.OnScreenText;
import com.tikneuron.diarization.ocr.OnScreenTextReader;
import com.tikneuron.standin.OnScreen;
import com.tikneuron.standin.Spoken;

/**
 * Prints, for each clip of a set, what the "is it text at all" rule sees: characters kept, the rule's answer and the
 * one expected. The development set (the TikTok stand-in's fixtures) is what tikneuron.ocr.min-confidence and
 * min-characters were chosen on; the held-out set (clips made only here: French cards over a moving pattern, moving
 * patterns without text, a lone watermark, a still dark picture) was not looked at while choosing.
 * {@code ./mvnw -pl diarization-service test-compile surefire:test@harness -Dtest=OnScreenTextTuning
 * -Dsurefire.failIfNoSpecifiedTests=false [-Docr.set=held-out]}; the table goes to target/ocr-tuning-SET.md.
 */
class OnScreenTextTuning {

    private record Clip(String name, boolean text, Path video, List<Path> slides) {
    }

    @Test
    void printsWhatTheRuleSeesOnASet() throws IOException {
        String set = System.getProperty("ocr.set", "development");
        OnScreenTextReader reader = HarnessOcr.reader();
        StringBuilder table = new StringBuilder("| clip | text drawn | characters kept | has_text | languages |\n|---|---|---:|---|---|\n");
        int wrong = 0;
        for (Clip clip : set.equals("held-out") ? heldOut() : development()) {
            OnScreenText read = clip.video() != null ? reader.readVideoFile(clip.video(), Optional.empty())
                    : reader.readSlideFiles(clip.slides(), new OnScreenTextReader.Request(List.of("local"), Optional.empty(), Optional.empty()));
            wrong += read.hasText() == clip.text() ? 0 : 1;
            table.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s |%n", clip.name(), clip.text() ? "yes" : "no",
                    read.characters(), read.hasText(), read.languages()));
        }
        table.append("\n").append(wrong).append(" clip(s) on the wrong side of the rule\n");
        Files.writeString(Path.of("target", "ocr-tuning-" + set + ".md"), table);
        System.out.println(table);
    }

    private static List<Clip> development() throws IOException {
        List<Clip> clips = new ArrayList<>();
        for (String id : OnScreen.videos()) {
            Path file = StandInMedia.directory().resolve("onscreen-" + id + ".mp4");
            Files.createDirectories(StandInMedia.directory());
            if (!Files.exists(file)) {
                Files.write(file, OnScreen.mp4(id));
            }
            clips.add(new Clip("stand-in " + id, !OnScreen.cards(id).isEmpty(), file, null));
        }
        List<Path> slides = new ArrayList<>();
        for (int n = 1; n <= OnScreen.cards(OnScreen.PHOTO_POST).size(); n++) {
            Path file = StandInMedia.directory().resolve("ocr-slide-" + n + ".jpeg");
            Files.write(file, OnScreen.slide(OnScreen.PHOTO_POST, n));
            slides.add(file);
        }
        clips.add(new Clip("stand-in photo post " + OnScreen.PHOTO_POST, true, null, slides));
        return clips;
    }

    private static List<Clip> heldOut() throws IOException {
        List<Clip> clips = new ArrayList<>();
        clips.add(new Clip("French cards over a moving pattern", true, HarnessOcr.cardsVideo("ocr-held-french",
                "life=s=576x1024:r=10:ratio=0.2:mold=10:life_color=#4a6a4a:death_color=#1a1a1a",
                List.of("Ma routine du matin", "en cinq minutes", "Un grand verre d'eau", "avant le café",
                        "Dix minutes de yoga", "pour bien commencer"), 4, 12, false), null));
        clips.add(new Clip("Game of Life, no text", false, HarnessOcr.cardsVideo("ocr-held-life",
                "life=s=576x1024:r=10:ratio=0.3:mold=20:life_color=#c0c0c0:death_color=#303030", List.of(), 4, 12, false), null));
        clips.add(new Clip("cellular automaton, no text", false, HarnessOcr.cardsVideo("ocr-held-cellauto",
                "cellauto=s=576x1024:r=10:rule=30:random_fill_ratio=0.4", List.of(), 4, 12, false), null));
        clips.add(new Clip("a lone watermark (@loopvisuals)", false, HarnessOcr.cardsVideo("ocr-held-watermark",
                "mandelbrot=s=576x1024:r=10:end_scale=0.3", List.of("@loopvisuals"), 12, 12, false), null));
        Path silent = StandInMedia.directory().resolve("ocr-held-silent.mp4");
        if (!Files.exists(silent)) {
            Files.createDirectories(StandInMedia.directory());
            Files.write(silent, Spoken.mp4(Spoken.SILENT));
        }
        clips.add(new Clip("still dark picture, no text", false, silent, null));
        return clips;
    }
}
