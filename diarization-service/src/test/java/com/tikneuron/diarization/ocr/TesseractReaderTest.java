package com.tikneuron.diarization.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Tesseract's TSV as it prints it for a list of two images (level 5 rows are words). */
class TesseractReaderTest {

    private static final String TSV = String.join("\n",
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
            "1\t1\t0\t0\t0\t0\t0\t0\t576\t1024\t-1\t",
            "5\t1\t2\t1\t1\t1\t87\t392\t80\t26\t95.5\tund",
            "5\t1\t2\t1\t1\t2\t178\t392\t90\t26\t93.1\tklein",
            "5\t1\t1\t1\t1\t1\t104\t327\t90\t26\t96.0\tVier",
            "5\t1\t1\t1\t1\t2\t199\t320\t90\t26\t92.9\tÄpfel",
            "5\t1\t1\t1\t1\t3\t320\t326\t90\t26\t41.0\tschälen",
            "5\t2\t1\t1\t1\t1\t410\t266\t20\t20\t20.7\tPi",
            "5\t2\t2\t1\t1\t1\t130\t626\t20\t20\t69.7\t7",
            "5\t2\t3\t1\t1\t1\t305\t723\t20\t20\t88.0\tDe.",
            "");

    @Test
    void wordsBecomeLinesTopToBottomWithoutUnsureWordsOrStrayMarks() {
        List<List<OcrLine>> pages = TesseractReader.parse(TSV, 2, 60);

        assertEquals(2, pages.size());
        assertEquals(List.of("Vier Äpfel", "und klein"), pages.get(0).stream().map(OcrLine::text).toList(),
                "the unsure word is dropped and the upper line comes first");
        assertEquals(320, pages.get(0).get(0).top());
        assertEquals(List.of(), pages.get(1), "a lone digit, a low-confidence word and three marks are not writing");
    }

    @Test
    void aLineIsWritingWithThreeLettersOrDigitsAndATwoLetterWord() {
        assertEquals(true, TesseractReader.isWriting("Day 1"));
        assertEquals(false, TesseractReader.isWriting("7 5"));
        assertEquals(false, TesseractReader.isWriting("De."));
        assertEquals(true, TesseractReader.isWriting("مرحبا"));
    }
}
