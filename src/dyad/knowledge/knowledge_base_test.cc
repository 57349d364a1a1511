#include "dyad/knowledge/knowledge_base.h"
