#if canImport(Glibc)
import Glibc
#endif

/// The CPU time the calling thread has used: what a test's own work took, whatever else the
/// machine (other tests, other builds) runs meanwhile. Wall time on a shared machine is not.
public enum ThreadTime {
    public static var now: Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}
