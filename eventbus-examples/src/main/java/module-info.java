/**
 * The runnable examples: the demo (once per processing mode), the load modes, the README's snippets
 * as code, and what registering listeners needs on the module path. Its tests and the demo run on
 * the module path, which proves the library's module descriptors.
 */
module dev.eventbus.examples {
  requires dev.eventbus.processors;
  // The load mode reports the process's CPU time.
  requires java.management;
  requires static org.jspecify;

  // The bus calls @Subscribe methods that are not public only in packages open to the engine.
  opens dev.eventbus.examples.modules.opened to
      dev.eventbus.core;
}
