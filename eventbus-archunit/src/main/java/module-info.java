/** ArchUnit rules that keep a code base migrated to the unified event bus. */
// ArchUnit has no module descriptor, and its ArchRule is the type of every rule exported here.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.eventbus.archunit {
  requires transitive com.tngtech.archunit;
  requires static org.jspecify;

  exports dev.eventbus.archunit;
}
