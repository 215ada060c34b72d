package io.aihelpdesk.server.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Standard input that runs a callback once it reaches end of file, so the stdio server can exit cleanly. */
final class EofSignallingInput extends FilterInputStream {
    private final Runnable onEof;
    private boolean signalled;

    EofSignallingInput(InputStream in, Runnable onEof) {
        super(in);
        this.onEof = onEof;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            signal();
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
            signal();
        }
        return n;
    }

    private synchronized void signal() {
        if (!signalled) {
            signalled = true;
            onEof.run();
        }
    }
}
