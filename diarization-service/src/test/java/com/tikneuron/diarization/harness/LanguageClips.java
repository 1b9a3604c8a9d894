package com.tikneuron.diarization.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.tikneuron.diarization.engine.Audio;

/**
 * Short espeak-ng recordings in English and in other languages, for choosing and checking the built-in engine's
 * "this is not English" threshold. Two sets with different sentences and voices: the threshold is chosen on
 * {@link #development()} and judged on {@link #heldOut()}, which tuning never sees.
 */
final class LanguageClips {

    /** One recording: its language, espeak-ng voice and text. */
    record Spec(String name, String language, String voice, String text) {

        boolean english() {
            return language.equals("en");
        }
    }

    private LanguageClips() {
    }

    static List<Spec> development() {
        return List.of(
                new Spec("d-en-1", "en", "en-us", "I moved to the city last spring and I still get lost on the way to work."),
                new Spec("d-en-2", "en", "en-us+f2", "Put the pan on a low heat and stir the onions until they turn soft and golden."),
                new Spec("d-en-3", "en", "en-us+m3", "Nobody told me the museum was closed on Mondays, so we sat in the park instead."),
                new Spec("d-en-4", "en", "en-us+f4", "This little speaker sounds much better than I expected for the price."),
                new Spec("d-en-5", "en", "en-us+m7", "We trained for three months before the race and finished in the top twenty."),
                new Spec("d-de-1", "de", "de", "Ich habe heute Morgen frisches Brot beim Bäcker an der Ecke gekauft."),
                new Spec("d-de-2", "de", "de+f2", "Wir fahren am Wochenende mit dem Zug in die Berge und wandern dort."),
                new Spec("d-fr-1", "fr", "fr", "Nous avons passé la soirée à discuter de nos prochaines vacances au bord de la mer."),
                new Spec("d-fr-2", "fr", "fr+m3", "Le marché du samedi vend des fromages de trois fermes différentes."),
                new Spec("d-es-1", "es", "es", "Mañana vamos a preparar una paella grande para toda la familia."),
                new Spec("d-es-2", "es", "es+f4", "El tren llegó tarde otra vez y perdimos el comienzo de la película."),
                new Spec("d-it-1", "it", "it", "Questa ricetta ha bisogno solo di quattro ingredienti e di un po' di pazienza."),
                new Spec("d-pt-1", "pt", "pt", "Eu finalmente terminei de ler aquele romance muito comprido."),
                new Spec("d-pl-1", "pl", "pl", "Nasz ogród ma w tym roku dużo pomidorów i zielonej fasoli."));
    }

    static List<Spec> heldOut() {
        return List.of(
                new Spec("h-en-1", "en", "en-us+m1", "The weather turned cold this morning, so I wore my thick winter coat."),
                new Spec("h-en-2", "en", "en-us+f5", "Let me know in the comments which recipe you want me to try next week."),
                new Spec("h-en-3", "en", "en-us", "He fixed the old bicycle with a single wrench and a bit of patience."),
                new Spec("h-en-4", "en", "en-us+f3", "The children built a fort out of blankets and refused to come out for dinner."),
                new Spec("h-en-5", "en", "en-us+m3", "Remember to drink enough water when you go hiking in the summer heat."),
                new Spec("h-de-1", "de", "de+m3", "Die Konzertkarten waren innerhalb von wenigen Minuten ausverkauft."),
                new Spec("h-de-2", "de", "de+f4", "Mein Nachbar hat einen sehr lauten Hund, der jeden Morgen bellt."),
                new Spec("h-fr-1", "fr", "fr+f2", "Elle a peint la cuisine en jaune pâle pendant le long week-end."),
                new Spec("h-fr-2", "fr", "fr", "Il pleuvra probablement pendant le reste de la semaine dans toute la région."),
                new Spec("h-es-1", "es", "es+m1", "La biblioteca tiene una nueva sección dedicada a los mapas antiguos."),
                new Spec("h-es-2", "es", "es", "Estamos ahorrando dinero para hacer un viaje a la costa en verano."),
                new Spec("h-it-1", "it", "it+f2", "Il museo apre alle dieci nei giorni feriali e chiude alle sei."),
                new Spec("h-nl-1", "nl", "nl", "We liepen na de lunch een lange tijd langs de rivier."),
                new Spec("h-sv-1", "sv", "sv", "Kaffet smakar bättre ur en varm kopp en kall morgon."));
    }

    /** The recording as 16 kHz mono PCM, synthesised once and kept under target/harness-clips. */
    static Audio audio(Spec spec) {
        Tools.require("espeak-ng", "sox");
        Path cached = HarnessEngines.cache().resolve("language-" + spec.name() + ".pcm");
        try {
            if (!Files.isRegularFile(cached)) {
                Files.createDirectories(cached.getParent());
                Path wav = Files.createTempFile("language", ".wav");
                try {
                    // A voice may carry a speed after a NUL: "en-us\u0000140" is en-us at 140 words a minute.
                    String[] voice = spec.voice().split("\u0000");
                    List<String> espeak = new java.util.ArrayList<>(List.of("espeak-ng", "-v", voice[0]));
                    if (voice.length > 1) {
                        espeak.addAll(List.of("-s", voice[1]));
                    }
                    espeak.addAll(List.of("--stdout", spec.text()));
                    Files.write(wav, Tools.run(espeak));
                    byte[] raw = Tools.run(List.of("sox", "-R", wav.toString(), "-r", String.valueOf(Audio.SAMPLE_RATE),
                            "-c", "1", "-b", "16", "-e", "signed-integer", "-L", "-t", "raw", "-"));
                    Files.write(cached, raw);
                } finally {
                    Files.deleteIfExists(wav);
                }
            }
            byte[] raw = Files.readAllBytes(cached);
            return Audio.fromPcm(raw, raw.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Spec> english(List<Spec> specs) {
        List<Spec> english = new ArrayList<>();
        for (Spec spec : specs) {
            if (spec.english()) {
                english.add(spec);
            }
        }
        return english;
    }
}
