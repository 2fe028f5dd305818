package io.stakestream.app.rest;

/** The state cannot be read correctly right now; the client should retry. Becomes a 503. */
final class Unavailable extends RuntimeException {
    Unavailable(String message) {
        super(message, null, false, false);
    }
}
