package com.acme.broken;

import com.google.common.eventbus.EventBus;

class Broken {
  void oops( {
    new EventBus().post("never");
  }
}
