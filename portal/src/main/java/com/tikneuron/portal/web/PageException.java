package com.tikneuron.portal.web;

/** A request the portal answers with an error page: status, a title and what the visitor can do. */
public class PageException extends RuntimeException {

    private final int status;
    private final String title;

    public PageException(int status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static PageException notFound() {
        return new PageException(404, "Not found", "There is nothing here, or it is not yours to see.");
    }
}
