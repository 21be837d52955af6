package zenlab.model.queueing;

import zenlab.kernel.JournalEntry;
import zenlab.kernel.JournalVocabulary;

/** The journal entries of the queue model and how they read. */
public final class QueueJournal implements JournalVocabulary {

    /** a = customer id. */
    public static final int ARRIVED = 1;
    /** a = customer id: the system was full. */
    public static final int BLOCKED = 2;
    /** a = customer id, b = time waited in ns. */
    public static final int STARTED = 3;
    /** a = customer id, b = time in system in ns. */
    public static final int DEPARTED = 4;

    @Override
    public String kindName(int kind) {
        switch (kind) {
            case ARRIVED: return "arrived";
            case BLOCKED: return "blocked";
            case STARTED: return "started";
            case DEPARTED: return "departed";
            default: return "unknown-" + kind;
        }
    }

    @Override
    public boolean isMilestone(int kind) {
        return false; // every entry is per customer
    }

    @Override
    public void appendFields(JournalEntry entry, StringBuilder json) {
        json.append(",\"customer\":").append(entry.a);
        if (entry.kind == STARTED) {
            json.append(",\"waitNs\":").append(entry.b);
        } else if (entry.kind == DEPARTED) {
            json.append(",\"sojournNs\":").append(entry.b);
        }
    }
}
