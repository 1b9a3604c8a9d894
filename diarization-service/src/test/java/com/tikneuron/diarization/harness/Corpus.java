package com.tikneuron.diarization.harness;

import java.util.List;

/** Plain spoken English for the synthetic conversations: everyday topics, no digits, no names. */
final class Corpus {

    static final List<String> SENTENCES = List.of(
            "Hey everyone, welcome back to my channel.",
            "Thanks for having me on your show today.",
            "We are going to talk about cooking at home.",
            "I think the weather is getting better this week.",
            "Have you ever tried making fresh bread?",
            "My favorite part of the morning is a hot cup of coffee.",
            "The garden looks beautiful after the rain.",
            "Let me show you how I clean my kitchen.",
            "That sounds like a great idea to me.",
            "I was not sure about it at first.",
            "We should go for a walk in the park later.",
            "The music at the concert was really loud.",
            "Can you tell me more about your new job?",
            "I started running every morning last summer.",
            "It takes a lot of practice to learn a new language.",
            "The children were playing outside all afternoon.",
            "Please remember to turn off the lights.",
            "This recipe needs butter, sugar and flour.",
            "I moved to a small town near the river.",
            "The train was late again this morning.",
            "What do you usually do on the weekend?",
            "I like to read a good book before bed.",
            "Our team won the game last night.",
            "The store around the corner sells fresh fruit.",
            "Do not forget to drink enough water.",
            "I think you are absolutely right about that.",
            "The movie was much better than I expected.",
            "We painted the living room a light blue color.",
            "My brother is learning to play the guitar.",
            "It was the best vacation we have ever had.",
            "You should always check the oil in your car.",
            "The dog was waiting for us at the door.",
            "I have never seen so much snow before.",
            "Let us start with the easy questions first.",
            "She bought a new phone at the market.",
            "The coffee shop opens early in the morning.",
            "Tell me what you think about this plan.",
            "I am really happy with how it turned out.",
            "We need to leave the house in a few minutes.",
            "The teacher asked us to read the first chapter.",
            "There is a lovely little beach on the island.",
            "Everybody was talking about the news today.",
            "I usually make soup when it is cold outside.",
            "He forgot his keys at the office again.",
            "The flowers in the window need more light.",
            "Could you help me carry these boxes upstairs?",
            "That was one of the funniest things I have ever heard.",
            "We watched the sun go down over the water.",
            "I prefer tea with a little bit of honey.",
            "The bus stop is right in front of the school.");

    /** Short replies: turns of a word or two, which give the speaker stage little voice to go on. */
    static final List<String> REPLIES = List.of("Yeah.", "Right.", "Okay.", "Really?", "I see.", "Sure.", "No way.",
            "Exactly.", "Oh wow.", "Of course.", "Good point.", "Me too.");

    private Corpus() {
    }
}
