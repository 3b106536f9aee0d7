package com.acme.clean;

class Clean {
  void run() {
    System.out.println("nothing to see");
  }
}
