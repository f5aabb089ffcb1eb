/** The hello-world start leg: JVM start, one line, exit (wall time of the whole process). */
public final class Hello {
    public static void main(String[] args) {
        System.out.println("hello, world");
    }
}
